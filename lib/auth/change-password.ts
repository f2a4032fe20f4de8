import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { claimSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/users/user-schemas";

export interface ChangePasswordOptions {
  userId: string;
  input: ChangePasswordInput;
  /** For the per-address throttle, as for sign-in. */
  clientAddress?: string | null;
}

/**
 * Sets a new password after checking the current one, and ends every session signed in before (whoever had the old
 * password may have signed in with it). The caller signs this browser in again with the new password.
 */
export async function changePassword({ userId, input, clientAddress }: ChangePasswordOptions): Promise<{ sessionsRevokedAt: string }> {
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("unauthorized", "Your session has ended; sign in again");
  // A GitHub-only account gets no password this way: a stolen session must not become a lasting way in.
  if (!user.passwordHash) throw new AppError("conflict", "This account signs in with GitHub and has no password");
  // Counted like a sign-in, before the check: a stolen session must not become a way to guess the password.
  const attempt = await claimSignInAttempt({ email: user.email, clientAddress });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is incorrect", { fields: { currentPassword: ["The current password is incorrect"] } });
  }
  await attempt.confirmSuccess();
  const passwordHash = await hashPassword(newPassword);
  const sessionsRevokedAt = new Date();
  // Compare-and-set on the hash just checked: of two changes racing, the second is refused.
  const { count } = await db.user.updateMany({
    where: { id: userId, passwordHash: user.passwordHash },
    data: { passwordHash, sessionsRevokedAt },
  });
  if (count === 0) throw new AppError("conflict", "The password was changed meanwhile; sign in again");
  return { sessionsRevokedAt: sessionsRevokedAt.toISOString() };
}
