import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/**
 * Detaches GitHub from the account: GitHub sign-in no longer reaches it — not even by its verified email, which would
 * otherwise attach it again (lib/invitations/sign-in-with-github.ts); only "Link GitHub" in settings does. Refused while
 * GitHub is the account's only way in (no password), so a stolen session cannot lock the owner out.
 */
export async function unlinkGithub({ userId }: { userId: string }): Promise<{ isGithubLinked: false }> {
  const { count } = await db.user.updateMany({ where: { id: userId, passwordHash: { not: null } }, data: { githubId: null, githubUnlinkedAt: new Date() } });
  if (count === 0) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("unauthorized", "Your session has ended; sign in again");
    throw new AppError("conflict", "GitHub is this account's only way to sign in; it cannot be unlinked");
  }
  return { isGithubLinked: false };
}
