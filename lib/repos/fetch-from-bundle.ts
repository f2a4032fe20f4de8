import { runGit } from "@/lib/repos/run-git";

export interface FetchFromBundleOptions {
  /** A `git bundle` made inside a sandbox and downloaded to this machine: untrusted data, nothing more. */
  bundlePath: string;
  branch: string;
  gitDir: string;
  intoRef: string;
}

/**
 * Takes a branch out of a bundle into the mirror. A bundle is a list of refs and a pack: `git bundle verify` checks its
 * header and that the mirror has what it builds on, and fetching from it runs no code of the sandbox's.
 */
export async function fetchFromBundle({ bundlePath, branch, gitDir, intoRef }: FetchFromBundleOptions): Promise<void> {
  await runGit(["bundle", "verify", "--quiet", bundlePath], { gitDir });
  await runGit(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", bundlePath, `+refs/heads/${branch}:${intoRef}`], { gitDir });
}
