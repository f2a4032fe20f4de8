import { runGit } from "@/lib/agent/workspace/run-git";

/** Asked on every search rather than cached: the agent may `git init` the workspace mid-run. */
export async function isGitWorkTree(root: string): Promise<boolean> {
  const result = await runGit(root, ["rev-parse", "--is-inside-work-tree"]);
  return result.code === 0 && result.stdout.trim() === "true";
}
