import { getEnv } from "@/lib/env";
import { gitEnv, repoSource } from "@/lib/repos/git-env";
import { runGit } from "@/lib/repos/run-git";

/** The current commit of each named branch of the project's repository; a branch that does not exist is absent. */
export async function readRemoteBranches(repoUrl: string, branches: string[]): Promise<Map<string, string>> {
  const { source } = repoSource(repoUrl);
  const out = await runGit(["ls-remote", "--heads", "--", source, ...branches.map((branch) => `refs/heads/${branch}`)], { env: gitEnv(getEnv().GITHUB_TOKEN, repoUrl) });
  const heads = new Map<string, string>();
  for (const line of out.split("\n").filter(Boolean)) {
    const [sha, ref] = line.split("\t");
    // ls-remote matches patterns by their tail; keep exact names only.
    const branch = ref?.replace(/^refs\/heads\//, "");
    if (sha && branch && branches.includes(branch)) heads.set(branch, sha);
  }
  return heads;
}
