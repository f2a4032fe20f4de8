import { getEnv } from "@/lib/env";
import { gitEnv, repoSource } from "@/lib/repos/git-env";
import { runGit } from "@/lib/repos/run-git";

export interface FetchIntoMirrorOptions {
  gitDir: string;
  /** The project's repoUrl as stored in the database. */
  repoUrl: string;
  /** e.g. `+refs/heads/main:refs/remotes/origin/main`. */
  refspecs: string[];
}

/** Fetches refs of the project's repository into its mirror, with the server's credentials for that one command. */
export async function fetchIntoMirror({ gitDir, repoUrl, refspecs }: FetchIntoMirrorOptions): Promise<void> {
  if (refspecs.length === 0) return;
  const { source } = repoSource(repoUrl);
  await runGit(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", source, ...refspecs], { gitDir, env: gitEnv(getEnv().GITHUB_TOKEN, repoUrl) });
}
