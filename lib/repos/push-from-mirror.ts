import { getEnv } from "@/lib/env";
import { gitEnv, repoSource } from "@/lib/repos/git-env";
import { GitCommandError, runGit } from "@/lib/repos/run-git";
import { BRANCH_PREFIX } from "@/lib/repos/ticket-branch-name";

export interface PushFromMirrorOptions {
  gitDir: string;
  /** The project's repoUrl as stored in the database: the only place anything is pushed to. */
  repoUrl: string;
  /** The project's default branch, never pushed to. */
  defaultBranch: string;
  branch: string;
  /** The commit the branch should point at (already in the mirror). */
  sha: string;
  /** What the branch must point at now for the push to happen; "" = it must not exist yet. */
  expectedSha: string;
}

/** A push the rules forbid, or one the remote's branch refused because it is not what we expected. */
export class PushRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PushRefusedError";
  }
}

/**
 * The only way anything leaves a mirror: one commit to one branch under `omoi/` — never the default branch, never
 * `--force`. `--force-with-lease` with the commit the caller knows is there (or none) makes the remote refuse the
 * push when the branch moved or appeared meanwhile, so a branch someone else owns is never overwritten.
 */
export async function pushFromMirror({ gitDir, repoUrl, defaultBranch, branch, sha, expectedSha }: PushFromMirrorOptions): Promise<void> {
  assertPushableBranch(branch, defaultBranch);
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new PushRefusedError(`not a commit id: ${JSON.stringify(sha)}`);
  if (expectedSha && !/^[0-9a-f]{40,64}$/.test(expectedSha)) throw new PushRefusedError(`not a commit id: ${JSON.stringify(expectedSha)}`);
  const ref = `refs/heads/${branch}`;
  const { source } = repoSource(repoUrl);
  try {
    await runGit(["push", "--quiet", "--no-verify", `--force-with-lease=${ref}:${expectedSha}`, "--", source, `${sha}:${ref}`], {
      gitDir,
      env: gitEnv(getEnv().GITHUB_TOKEN, repoUrl),
    });
  } catch (error) {
    if (error instanceof GitCommandError && /stale info|fetch first|non-fast-forward|already exists/.test(error.stderr)) {
      throw new PushRefusedError(
        expectedSha
          ? `the branch ${branch} changed on the remote since this ticket last delivered it (expected ${expectedSha.slice(0, 12)}); refusing to overwrite it`
          : `the branch ${branch} appeared on the remote while this ticket was delivering it; refusing to overwrite it`,
      );
    }
    throw error;
  }
}

/** Branches the server may push: under `omoi/`, a valid name, not the default branch. */
export function assertPushableBranch(branch: string, defaultBranch: string): void {
  if (!branch.startsWith(BRANCH_PREFIX) || branch === defaultBranch || !isValidBranchName(branch)) {
    throw new PushRefusedError(`refusing to push ${JSON.stringify(branch)}: only branches under ${BRANCH_PREFIX} other than the default branch are pushed`);
  }
}

/** The subset of `git check-ref-format` that matters here, checked without a process. */
function isValidBranchName(branch: string): boolean {
  return (
    /^[A-Za-z0-9._/-]+$/.test(branch) &&
    !branch.split("/").some((part) => part === "" || part.startsWith(".") || part.endsWith(".lock")) &&
    !branch.includes("..") &&
    !branch.endsWith(".")
  );
}
