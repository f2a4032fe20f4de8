import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { gitEnv } from "@/lib/repos/git-env";
import { runGit } from "@/lib/repos/run-git";
import { SERVER_COMMITTER } from "@/lib/repos/server-committer";

const run = promisify(execFile);

export type Candidate =
  | { kind: "fast_forward" | "merge"; sha: string }
  /** The work is already in the spec branch (delivered twice): nothing to merge. */
  | { kind: "contained"; sha: string }
  | { kind: "conflict"; files: string[] };

/**
 * The spec branch with a ticket's work merged in, made in the project's mirror by the server (no workspace, no
 * sandbox, no hook): a fast-forward when the work already builds on the spec branch's head, otherwise a real merge
 * computed by `git merge-tree --write-tree` (git ≥ 2.38) and committed with `commit-tree`. A conflict is returned
 * with the conflicting files, for the ticket's agent to resolve on its branch.
 */
export async function mergeCandidate({ gitDir, specHead, work, message }: { gitDir: string; specHead: string; work: string; message: string }): Promise<Candidate> {
  for (const sha of [specHead, work]) if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new Error(`not a commit id: ${JSON.stringify(sha)}`);
  if (await isAncestor(gitDir, work, specHead)) return { kind: "contained", sha: specHead };
  if (await isAncestor(gitDir, specHead, work)) return { kind: "fast_forward", sha: work };
  let tree: string;
  try {
    const { stdout } = await run("git", ["-C", gitDir, "merge-tree", "--write-tree", "--name-only", "-z", "--no-messages", specHead, work], { env: gitEnv(), maxBuffer: 16 * 1024 * 1024 });
    tree = stdout.split("\0")[0]!;
  } catch (error) {
    const { code, stdout } = error as { code?: number; stdout?: string };
    // Exit 1: the merge has conflicts; the output is the tree, then the conflicted paths.
    if (code === 1 && stdout) return { kind: "conflict", files: [...new Set(stdout.split("\0").slice(1).filter(Boolean))] };
    throw new Error(`git merge-tree failed: ${(error as Error).message}`);
  }
  const sha = await runGit(["commit-tree", tree, "-p", specHead, "-p", work, "-m", message], { gitDir, env: { ...gitEnv(), ...SERVER_COMMITTER } });
  return { kind: "merge", sha };
}

async function isAncestor(gitDir: string, ancestor: string, of: string): Promise<boolean> {
  return runGit(["merge-base", "--is-ancestor", ancestor, of], { gitDir }).then(
    () => true,
    () => false,
  );
}
