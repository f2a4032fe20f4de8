import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import {
  assertSignInAllowed,
  clearSignInFailures,
  recordSignInFailure,
  signInThrottleKey,
} from "@/lib/auth/sign-in-throttle";
import type { SignInInput, UserDto } from "@/lib/users/user-schemas";

/** Checks an email and password; throws `unauthorized` (same message for unknown email) or `rate_limited`. */
export async function authenticatePassword({ email, password }: SignInInput): Promise<UserDto> {
  const key = signInThrottleKey(email);
  await assertSignInAllowed(key);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, image: true, passwordHash: true },
  });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await recordSignInFailure(key);
    throw new AppError("unauthorized", "Email or password is incorrect");
  }
  await clearSignInFailures(key);
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}
