import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getEnv } from "@/lib/env";
import { gitEnv, repoSource } from "@/lib/repos/git-env";

const run = promisify(execFile);

/**
 * What asking a repository for its branches gave:
 * - `ok`: it answered, with the branch (or empty: a new repository is fine);
 * - `branch_not_found`: it answered, without the branch;
 * - `unreadable`: git reached it (or it is a local path) and could not read it: missing, not a repository, private
 *   without credentials — one answer for all, so the probe cannot tell anyone which paths exist;
 * - `unreached`: a remote host that gave no git answer (name not resolved, connection refused or cut, TLS
 *   interrupted, no answer in time): whether the repository exists is unknown.
 */
export type RepoProbe =
  | { status: "ok" }
  | { status: "branch_not_found" | "unreadable" | "unreached"; message: string };

export interface ProbeRepoOptions {
  /** A repository the policy allows (lib/repos/check-repo-url.ts): this asks it, it does not judge it. */
  url: string;
  branch: string;
  timeoutMs: number;
}

/**
 * Asks the repository with `git ls-remote`, the way a clone would (same environment and credentials), so a yes here
 * means a clone will work.
 */
export async function probeRepo({ url, branch, timeoutMs }: ProbeRepoOptions): Promise<RepoProbe> {
  const { source, shown, isRemote } = repoSource(url);
  let stdout: string;
  try {
    ({ stdout } = await run("git", ["ls-remote", "--heads", "--", source], { env: gitEnv(getEnv().GITHUB_TOKEN, url), timeout: timeoutMs }));
  } catch (error) {
    if (isRemote && isNetworkFailure(error)) {
      const host = hostOf(shown);
      return { status: "unreached", message: `OmoiOS could not reach ${host} to read ${shown} (no answer from the network); it is checked again later.` };
    }
    return { status: "unreadable", message: `The repository ${shown} cannot be read by OmoiOS (it does not exist, or this server has no access to it).` };
  }
  const heads = stdout.split("\n").filter(Boolean).map((line) => line.split("\t")[1]);
  if (heads.length > 0 && !heads.includes(`refs/heads/${branch}`)) {
    return { status: "branch_not_found", message: `The repository ${shown} has no branch "${branch}"; change the project's default branch.` };
  }
  return { status: "ok" };
}

/**
 * git's transport failures print "unable to access '<url>': <curl's reason>"; an HTTP status from the host (404,
 * 403) reads "The requested URL returned error", and a host asking for credentials "could not read Username": those
 * are answers. Our own timeout kills git (SIGTERM).
 */
function isNetworkFailure(error: unknown): boolean {
  const { killed, signal, stderr } = error as { killed?: boolean; signal?: string | null; stderr?: string };
  if (killed || signal === "SIGTERM") return true;
  const text = String(stderr ?? "");
  return /unable to access '[^']*': (?!The requested URL returned error)/.test(text);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
