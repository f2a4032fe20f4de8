import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gitEnv, repoSource, SANDBOX_PATH } from "@/lib/repos/git-env";
import type { CreateSandboxInput, SandboxProvider, SandboxRef, SandboxStatus } from "@/lib/sandbox/sandbox-provider";

const run = promisify(execFile);

export interface LocalProviderOptions {
  /** Folder holding one folder per sandbox (workspace, home, pid file) and the agents' logs. */
  root: string;
  /** The single-file agent (dist/omoi-agent.mjs), run with this process's own `node`. */
  agentBundlePath: string;
  /** For cloning private GitHub repositories; handed to git through its environment, never written anywhere. */
  githubToken?: string;
  /** How long `stop` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
}

const GIT_IDENTITY = { name: "OmoiOS agent", email: "agent@omoios.local" };

/**
 * Sandboxes as child processes on this machine: a folder per sandbox with a clone of the project's repository (or an
 * empty repository), `omoi agent` started detached in its own process group with only the env contract, output to
 * a log file. What a later process needs to find the agent again (pid and its start time, against pid reuse) is in
 * a file in the sandbox folder, so a restarted worker can still inspect or stop it.
 */
export function createLocalProvider(options: LocalProviderOptions): SandboxProvider {
  const root = path.resolve(options.root);
  const stopGraceMs = options.stopGraceMs ?? 5_000;
  const dirOf = (sandboxId: string) => path.join(root, safeName(sandboxId));
  const pidFile = (ref: SandboxRef) => path.join(dirOf(ref.sandboxId), "agent.pid");

  async function readPid(ref: SandboxRef): Promise<{ pid: number; startTime: string } | null> {
    try {
      const [pid, startTime] = (await fs.promises.readFile(pidFile(ref), "utf8")).trim().split(" ");
      return pid && startTime ? { pid: Number(pid), startTime } : null;
    } catch {
      return null;
    }
  }

  async function isAlive(ref: SandboxRef): Promise<{ pid: number } | null> {
    const recorded = await readPid(ref);
    if (!recorded) return null;
    const startTime = await processStartTime(recorded.pid);
    return startTime === recorded.startTime ? { pid: recorded.pid } : null;
  }

  return {
    name: "local",

    async create(input: CreateSandboxInput): Promise<SandboxRef> {
      const dir = dirOf(input.sandboxId);
      const workspacePath = path.join(dir, "workspace");
      await fs.promises.mkdir(path.join(dir, "home"), { recursive: true });
      await fs.promises.mkdir(path.join(root, "logs"), { recursive: true });
      try {
        if (input.repo.url) await cloneRepo(input.repo.url, input.repo.branch, workspacePath, options.githubToken);
        else await initEmptyRepo(workspacePath, input.repo.branch);
      } catch (error) {
        await fs.promises.rm(dir, { recursive: true, force: true });
        throw error;
      }
      return { sandboxId: input.sandboxId, externalId: input.sandboxId, workspacePath, logPath: path.join(root, "logs", `${safeName(input.sandboxId)}.log`) };
    },

    async startAgent(ref, env, onExit) {
      const logPath = ref.logPath ?? path.join(root, "logs", `${safeName(ref.sandboxId)}.log`);
      const logFd = fs.openSync(logPath, "a");
      try {
        const child = spawn(process.execPath, [options.agentBundlePath, "agent"], {
          cwd: ref.workspacePath,
          env: { ...env, PATH: SANDBOX_PATH, HOME: path.join(dirOf(ref.sandboxId), "home"), LANG: "C.UTF-8" } as unknown as NodeJS.ProcessEnv,
          // Its own process group: stop() ends the agent and every command it started.
          detached: true,
          stdio: ["ignore", logFd, logFd],
        });
        await new Promise<void>((resolve, reject) => {
          child.once("spawn", resolve);
          child.once("error", reject);
        });
        const pid = child.pid!;
        const startTime = await processStartTime(pid);
        await fs.promises.writeFile(pidFile(ref), `${pid} ${startTime ?? "unknown"}\n`);
        child.once("exit", (code, signal) => {
          onExit?.({ state: "exited", exitCode: code ?? 128 + signalNumber(signal) });
        });
        // The worker may stop while agents run on; they are found again through the pid file.
        child.unref();
      } finally {
        fs.closeSync(logFd);
      }
    },

    async stop(ref) {
      const alive = await isAlive(ref);
      if (!alive) return;
      killGroup(alive.pid, "SIGTERM");
      const deadline = Date.now() + stopGraceMs;
      while (Date.now() < deadline) {
        if (!(await isAlive(ref))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      killGroup(alive.pid, "SIGKILL");
    },

    async destroy(ref) {
      await this.stop(ref);
      // The log stays (members read it after the fact); the workspace and home go.
      await fs.promises.rm(dirOf(ref.sandboxId), { recursive: true, force: true });
    },

    async status(ref): Promise<SandboxStatus> {
      if (!fs.existsSync(dirOf(ref.sandboxId))) return { state: "exited", exitCode: null };
      return (await isAlive(ref)) ? { state: "running" } : { state: "exited", exitCode: null };
    },

    async pushBranch(ref, { branch, remoteUrl }) {
      await git(["push", "--quiet", "--force", "origin", `refs/heads/${branch}:refs/heads/${branch}`], gitEnv(options.githubToken, remoteUrl), ref.workspacePath);
    },

    async logTail(ref, bytes) {
      if (!ref.logPath) return "";
      try {
        const handle = await fs.promises.open(ref.logPath, "r");
        try {
          const { size } = await handle.stat();
          const length = Math.min(size, bytes);
          const buffer = Buffer.alloc(length);
          await handle.read(buffer, 0, length, size - length);
          return buffer.toString("utf8");
        } finally {
          await handle.close();
        }
      } catch {
        return "";
      }
    },
  };
}

function safeName(id: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`invalid sandbox id: ${id}`);
  return id;
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const signalNumber = (signal: NodeJS.Signals | null) => (signal ? (SIGNALS[signal] ?? 0) : 0);

/** Field 22 of /proc/<pid>/stat: with the pid, identifies one process (pids are reused). */
async function processStartTime(pid: number): Promise<string | null> {
  try {
    const stat = await fs.promises.readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; fields after it are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") return null; // a zombie has ended
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

async function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  try {
    return await run("git", args, { env, cwd, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`git ${args[0]} failed: ${stderr.split("\n").slice(-3).join(" ") || (error as Error).message}`);
  }
}

async function cloneRepo(url: string, branch: string, dest: string, githubToken?: string) {
  const { isRemote, source, shown } = repoSource(url);
  if (!isRemote && !fs.existsSync(source)) throw new Error(`repository not found: ${source}`);
  const env = gitEnv(githubToken, url);
  // One git process in the common case (the branch exists): spawning a sandbox is on the path to its first event.
  // The commit identity is repository config, not a secret; credentials stay in git's environment.
  const identity = ["-c", `user.name=${GIT_IDENTITY.name}`, "-c", `user.email=${GIT_IDENTITY.email}`];
  try {
    await git(["clone", "--quiet", "--no-tags", "--branch", branch, ...identity, "--", source, dest], env);
    return;
  } catch (error) {
    if (!/not found in upstream|Remote branch .* not found/i.test((error as Error).message)) throw error;
    await fs.promises.rm(dest, { recursive: true, force: true });
  }
  // The branch is missing: fine for an empty repository (the branch starts here), an error otherwise.
  await git(["clone", "--quiet", "--no-tags", ...identity, "--", source, dest], env);
  const { stdout: anyCommit } = await git(["rev-parse", "--verify", "--quiet", "HEAD"], env, dest).catch(() => ({ stdout: "" }));
  if (anyCommit.trim()) throw new Error(`branch "${branch}" not found in ${shown}`);
  await git(["checkout", "--quiet", "-b", branch], env, dest);
}

async function initEmptyRepo(dest: string, branch: string) {
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
