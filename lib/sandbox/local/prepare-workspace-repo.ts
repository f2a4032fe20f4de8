import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gitEnv, repoSource } from "@/lib/repos/git-env";

const run = promisify(execFile);

const GIT_IDENTITY = { name: "OmoiOS agent", email: "agent@omoios.local" };

async function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  try {
    return await run("git", args, { env, cwd, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`git ${args[0]} failed: ${stderr.split("\n").slice(-3).join(" ") || (error as Error).message}`);
  }
}

/** Where a workspace cloned from the server's mirror points `origin` when the project has no repository. */
const NO_ORIGIN = "omoios-no-repository:";

export async function cloneRepo(url: string, branch: string, dest: string, githubToken?: string, originUrl?: string | null) {
  await cloneAt(url, branch, dest, githubToken);
  // Cloned from the mirror: the remote-tracking branches stay (the agent rebases onto origin/<spec branch>), the
  // mirror's path does not.
  if (originUrl !== undefined) await git(["remote", "set-url", "origin", originUrl ?? NO_ORIGIN], gitEnv(), dest);
}

async function cloneAt(url: string, branch: string, dest: string, githubToken?: string) {
  const { isRemote, source, shown } = repoSource(url);
  if (!isRemote && !fs.existsSync(source)) throw new Error(`repository not found: ${source}`);
  const env = gitEnv(githubToken, url);
  // One git process in the common case (the branch exists): spawning a sandbox is on the path to its first event.
  // The commit identity is repository config, not a secret; credentials stay in git's environment.
  const identity = ["-c", `user.name=${GIT_IDENTITY.name}`, "-c", `user.email=${GIT_IDENTITY.email}`];
  try {
    await git(["clone", "--quiet", "--no-local", "--no-tags", "--branch", branch, ...identity, "--", source, dest], env);
    return;
  } catch (error) {
    if (!/not found in upstream|Remote branch .* not found/i.test((error as Error).message)) throw error;
    await fs.promises.rm(dest, { recursive: true, force: true });
  }
  // The branch is missing: fine for an empty repository (the branch starts here), an error otherwise.
  await git(["clone", "--quiet", "--no-local", "--no-tags", ...identity, "--", source, dest], env);
  const { stdout: anyCommit } = await git(["rev-parse", "--verify", "--quiet", "HEAD"], env, dest).catch(() => ({ stdout: "" }));
  if (anyCommit.trim()) throw new Error(`branch "${branch}" not found in ${shown}`);
  await git(["checkout", "--quiet", "-b", branch], env, dest);
}

export async function initEmptyRepo(dest: string, branch: string) {
  const env = gitEnv();
  await fs.promises.mkdir(dest, { recursive: true });
  await git(["init", "--quiet", "-b", branch], env, dest);
  await configureIdentity(dest);
  // A first commit, so branches can be made from it and diffs have a base.
  await git(["commit", "--quiet", "--allow-empty", "-m", "Initial commit"], env, dest);
}

async function configureIdentity(dest: string) {
  // Written directly: two fewer git processes on the way to the agent's start.
  await fs.promises.appendFile(path.join(dest, ".git", "config"), `[user]\n\tname = ${GIT_IDENTITY.name}\n\temail = ${GIT_IDENTITY.email}\n`);
}
