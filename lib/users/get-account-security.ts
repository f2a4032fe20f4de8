import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { AccountSecurityDto } from "@/lib/users/user-schemas";

/** How an account signs in (for the settings page), or null for a user that no longer exists. */
export async function getAccountSecurity({ userId }: { userId: string }): Promise<AccountSecurityDto | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true, githubId: true, emailVerifiedAt: true, isInstanceAdmin: true },
  });
  if (!user) return null;
  return {
    hasPassword: user.passwordHash !== null,
    isEmailVerified: user.emailVerifiedAt !== null || (user.isInstanceAdmin && user.email === getEnv().OMOIOS_ADMIN_EMAIL),
    isGithubLinked: user.githubId !== null,
  };
}
