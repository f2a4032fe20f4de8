import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { checkRepoUrl } from "@/lib/repos/check-repo-url";

export interface AssertRepoUrlAllowedOptions {
  /** Who sets the repository: their rights decide (instance admins may use any local path). */
  userId: string;
  repoUrl: string;
}

/** The repository policy (lib/repos/check-repo-url.ts) as a 422 on the `repoUrl` field, like any invalid input. */
export async function assertRepoUrlAllowed({ userId, repoUrl }: AssertRepoUrlAllowedOptions): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isInstanceAdmin: true } });
  const reason = await checkRepoUrl({ url: repoUrl, isInstanceAdmin: user?.isInstanceAdmin ?? false });
  if (reason) throw new AppError("validation_failed", reason, { fields: { repoUrl: [reason] } });
}
