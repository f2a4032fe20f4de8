import { execFile, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gitEnv, repoSource, SANDBOX_PATH } from "@/lib/repos/git-env";
import { fetchFromWorkspace } from "@/lib/repos/fetch-from-workspace";
import { buildBwrapCommand, INSIDE, INSIDE_API_ADDRESS, INSIDE_PROXY_ADDRESS, type SandboxLimits } from "@/lib/sandbox/isolation/build-bwrap-command";
import { parseEgressRules } from "@/lib/sandbox/isolation/egress-rules";
import { assertBwrapWorks, prepareSandboxRoot, sandboxUserFor, type SandboxUser } from "@/lib/sandbox/isolation/prepare-isolation";
import { netHostPathFor, type SandboxNetHostConfig } from "@/lib/sandbox/isolation/run-sandbox-net-host";
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
  /**
   * `bwrap` (default): every agent and all it starts runs confined by bubblewrap, as a user of its own when the server
   * is root. `none`: a plain child process with the server's rights (single-user mode, shown as a warning).
   */
  isolation?: "bwrap" | "none";
  /** Hosts an isolated sandbox may reach besides the app (SANDBOX_EGRESS_ALLOW, as configured). */
  egressAllow?: string;
  /** The sandbox network host (default: omoi-sandbox-net.mjs beside the agent bundle, built with it). */
  netHostPath?: string;
  limits?: Partial<SandboxLimits>;
  /** First uid of the range sandboxes run as when the server is root. */
  uidBase?: number;
}

const DEFAULT_LIMITS: SandboxLimits = { memoryMb: 4096, maxProcesses: 512, maxFileMb: 1024, tmpMb: 512, wallSeconds: 4 * 3600 };

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
  const isolated = (options.isolation ?? "bwrap") === "bwrap";
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const userOf = (sandboxId: string): SandboxUser => sandboxUserFor(sandboxId, options.uidBase ?? 200_000);
  // Checked now: a bad allowlist is a configuration error at start, not a surprise in a sandbox.
  parseEgressRules(options.egressAllow);
  const netHostPath = options.netHostPath ?? netHostPathFor(options.agentBundlePath);
  let rootReady = false;
  const ensureRoot = () => {
    if (rootReady) return;
    prepareSandboxRoot(root, isolated && userOf("probe").dedicated);
    rootReady = true;
  };
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

  /**
   * The agent under bubblewrap: its folders bound at fixed places inside, its only network the two sockets of its
   * network host (the app; the egress allowlist), reached as loopback ports through the agent's bridge. The agent's
   * URLs are rewritten to those ports; nothing else of the contract changes.
   */
  async function confinedLaunch(ref: SandboxRef, env: Record<string, string>) {
    const dir = dirOf(ref.sandboxId);
    const user = userOf(ref.sandboxId);
    await fs.promises.mkdir(path.join(dir, "net"), { recursive: true, mode: 0o755 });
    const proxy = `http://${INSIDE_PROXY_ADDRESS}`;
    const { command, args } = buildBwrapCommand({
      dir,
      agentBundle: await sharedAgentBundle(root, options.agentBundlePath),
      nodePath: process.execPath,
      readOnlyWorkspace: env.EXECUTION_MODE === "exploration",
      limits: { ...limits, maxProcesses: user.dedicated ? limits.maxProcesses : null },
      lowPriority: true,
    });
    return {
      command,
      args,
      cwd: dir,
      user: user.dedicated ? user : undefined,
      env: {
        ...env,
        OMOIOS_API_URL: `http://${INSIDE_API_ADDRESS}`,
        WORKSPACE_PATH: INSIDE.workspace,
        OMOIOS_NET_BRIDGE: `${INSIDE_API_ADDRESS}=${INSIDE.net}/api.sock;${INSIDE_PROXY_ADDRESS}=${INSIDE.net}/egress.sock`,
        HTTPS_PROXY: proxy,
        https_proxy: proxy,
        HTTP_PROXY: proxy,
        http_proxy: proxy,
        NO_PROXY: "127.0.0.1,localhost",
        no_proxy: "127.0.0.1,localhost",
        PATH: SANDBOX_PATH,
        HOME: INSIDE.home,
        TMPDIR: "/tmp",
        LANG: "C.UTF-8",
      },
    };
  }

  /**
   * Beside the agent, not before it: the host is ready in tens of milliseconds, long before the agent has parsed its
   * bundle; it ends by itself when the agent's process group is gone (see run-sandbox-net-host.ts).
   */
  function startNetHost(ref: SandboxRef, env: Record<string, string>, pgid: number, logFd: number) {
    const config: SandboxNetHostConfig = {
      dir: path.join(dirOf(ref.sandboxId), "net"),
      app: env.OMOIOS_API_URL ?? "http://localhost:3000",
      egress: options.egressAllow ?? "",
      pgid,
    };
    const host = spawn(process.execPath, [netHostPath, JSON.stringify(config)], {
      env: { PATH: SANDBOX_PATH, LANG: "C.UTF-8" } as Record<string, string> as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", logFd, logFd],
    });
    host.once("error", () => {});
    host.unref();
  }

  return {
    name: "local",

    async create(input: CreateSandboxInput): Promise<SandboxRef> {
      ensureRoot();
      const user = userOf(input.sandboxId);
      // Refuse before anything is made: without working isolation nothing may run (unless the operator chose none).
      if (isolated) await assertBwrapWorks(user);
      const dir = dirOf(input.sandboxId);
      const workspacePath = path.join(dir, "workspace");
      await fs.promises.mkdir(path.join(dir, "home"), { recursive: true, mode: 0o700 });
      await fs.promises.mkdir(path.join(root, "logs"), { recursive: true, mode: 0o700 });
      try {
        if (input.repo.url) await cloneRepo(input.repo.url, input.repo.branch, workspacePath, options.githubToken);
        else await initEmptyRepo(workspacePath, input.repo.branch);
        // The sandbox's user owns its folder and nothing else; the folder is closed to every other user.
        if (isolated && user.dedicated) await run("chown", ["-R", "--no-dereference", `${user.uid}:${user.gid}`, dir]);
        await fs.promises.chmod(dir, 0o700);
      } catch (error) {
        await fs.promises.rm(dir, { recursive: true, force: true });
        throw error;
      }
      return { sandboxId: input.sandboxId, externalId: input.sandboxId, workspacePath, logPath: path.join(root, "logs", `${safeName(input.sandboxId)}.log`) };
    },

    async startAgent(ref, env, onExit) {
      const logPath = ref.logPath ?? path.join(root, "logs", `${safeName(ref.sandboxId)}.log`);
      const logFd = fs.openSync(logPath, "a", 0o600);
      try {
        const launch = isolated
          ? await confinedLaunch(ref, env)
          : {
              command: process.execPath,
              args: [options.agentBundlePath, "agent"],
              cwd: ref.workspacePath,
              env: { ...env, PATH: SANDBOX_PATH, HOME: path.join(dirOf(ref.sandboxId), "home"), LANG: "C.UTF-8" },
              user: undefined,
            };
        const child = spawn(launch.command, launch.args, {
          cwd: launch.cwd,
          // The whole environment, also of bubblewrap itself (its /proc/1/environ is visible inside).
          env: launch.env as unknown as NodeJS.ProcessEnv,
          ...(launch.user ? { uid: launch.user.uid, gid: launch.user.gid } : {}),
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
        if (isolated) startNetHost(ref, env, pid, logFd);
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
      while (Date.now() < deadline && (await isAlive(ref))) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Whatever of the sandbox ignored SIGTERM or outlived the agent goes too. Killing the group also kills the
      // sandbox's PID-namespace init, and with it every process inside, even one that left the group with setsid.
      killGroup(alive.pid, "SIGKILL");
    },

    async destroy(ref) {
      await this.stop(ref);
      // The log stays (members read it after the fact); the workspace and home go. Retried: the sandbox's network host
      // may be making or removing its sockets at this very moment (it ends within half a second of the agent).
      await fs.promises.rm(dirOf(ref.sandboxId), { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },

    async status(ref): Promise<SandboxStatus> {
      if (!fs.existsSync(dirOf(ref.sandboxId))) return { state: "exited", exitCode: null };
      return (await isAlive(ref)) ? { state: "running" } : { state: "exited", exitCode: null };
    },

    async exportBranch(ref, branch, intoGitDir, intoRef) {
      // Nothing of the sandbox may run while the server reads its repository: a process left behind could swap a
      // checked ref for a symlink between the check and the fetch. The agent has reported; ending it costs nothing.
      await this.stop(ref);
      await fetchFromWorkspace({ workspacePath: ref.workspacePath, branch, gitDir: intoGitDir, intoRef });
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

const bundleCopies = new Map<string, Promise<string>>();

/**
 * One read-only copy of the agent bundle per content in the sandbox root, so sandbox users can read it without
 * reaching the app's checkout (bind-mounting the original would need every folder above it searchable).
 */
function sharedAgentBundle(root: string, bundlePath: string): Promise<string> {
  const st = fs.statSync(bundlePath);
  const key = `${bundlePath}:${st.size}:${st.mtimeMs}`;
  let copy = bundleCopies.get(key);
  if (!copy) {
    copy = (async () => {
      const content = await fs.promises.readFile(bundlePath);
      const hash = crypto.createHash("sha256").update(content).digest("hex").slice(0, 16);
      const dir = path.join(root, "bin");
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o755 });
      const target = path.join(dir, `omoi-agent-${hash}.mjs`);
      if (!fs.existsSync(target)) {
        const temp = `${target}.${process.pid}.tmp`;
        await fs.promises.writeFile(temp, content, { mode: 0o644 });
        await fs.promises.rename(temp, target);
      }
      return target;
    })();
    copy.catch(() => bundleCopies.delete(key));
    bundleCopies.set(key, copy);
  }
  return copy;
}
