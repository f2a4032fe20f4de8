import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { burnPasswordCheck, verifyPassword } from "@/lib/users/password";
import { claimSignInAttempt } from "@/lib/auth/sign-in-throttle";
import type { SignInInput, UserDto } from "@/lib/users/user-schemas";

export interface AuthenticatePasswordOptions extends SignInInput {
  /** The client's address, for the per-address throttles; unknown (null) for in-process callers. */
  clientAddress?: string | null;
}

/**
 * Checks an email and password; throws `unauthorized` (same message for an unknown email), `rate_limited` (throttled
 * or locked: the password is then not checked at all) or `service_unavailable` (too many checks waiting to hash).
 */
export async function authenticatePassword({ email, password, clientAddress }: AuthenticatePasswordOptions): Promise<UserDto> {
  // Counted first, as a failure: however many attempts arrive at once, only the counted ones get a check.
  const attempt = await claimSignInAttempt({ email, clientAddress });
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, image: true, passwordHash: true },
  });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) throw new AppError("unauthorized", "Email or password is incorrect");
  await attempt.confirmSuccess();
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}
