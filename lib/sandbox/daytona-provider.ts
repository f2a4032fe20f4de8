import { randomBytes } from "node:crypto";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Daytona, DaytonaError, DaytonaNotFoundError, type Sandbox } from "@daytonaio/sdk";
import { githubOwnerOf } from "@/lib/repos/git-env";
import { fetchFromBundle } from "@/lib/repos/fetch-from-bundle";
import type {
  CreateSandboxInput,
  SandboxProvider,
  SandboxRef,
  SandboxStatus,
} from "@/lib/sandbox/sandbox-provider";

export interface DaytonaProviderOptions {
  apiKey: string;
  /** Default: Daytona's cloud API. */
  apiUrl?: string;
  target?: string;
  /** Sandboxes are created from this snapshot, else from `image`, else from Daytona's default snapshot. */
  snapshot?: string;
  image?: string;
  /**
   * CPU cores, memory and disk in GB. Only applied with `image`: Daytona rejects resources next to a snapshot
   * (including its default one), whose own resources then apply.
   */
  resources?: { cpu?: number; memory?: number; disk?: number };
  autoStopMinutes: number;
  /** Local path of dist/omoi-agent.mjs, uploaded into every sandbox. */
  agentBundlePath: string;
  /**
   * Sent with the clone of an https URL on `host` (default github.com) only, so a project whose repository points
   * elsewhere cannot collect the token. Never used for pushes: the server pushes from its own mirror.
   */
  /** For cloning: used only for https URLs of `host` (github.com) whose owner is in `allowedOwners` (GITHUB_ALLOWED_OWNERS). */
  gitCredentials?: { username: string; password: string; host?: string; allowedOwners?: string[] };
}

const DEFAULT_API_URL = "https://app.daytona.io/api";
const AGENT_DIR = ".omoi";
const BUNDLE_FILE = "omoi-agent.mjs";
const PID_FILE = "agent.pid";
/** The agent's env contract, uploaded for each start; the agent reads and deletes it (OMOIOS_ENV_FILE). */
const ENV_FILE = "agent-env.json";
const CREATE_TIMEOUT_SECONDS = 180;
const STOP_GRACE_SECONDS = 10;
/** Making, downloading and unpacking one branch's bundle. */
const EXPORT_TIMEOUT_SECONDS = 600;
/** States in which no agent process can be alive. */
const GONE_STATES = new Set(["stopped", "stopping", "archived", "archiving", "destroyed", "destroying", "error", "build_failed"]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An SDK failure, re-worded so that it names the operation and never carries a secret. */
export class DaytonaProviderError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = "DaytonaProviderError";
  }
}

/** Single-quotes a word for POSIX sh: nothing inside is interpreted, whatever it contains. */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell word cannot contain a NUL byte");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Session of the agent: derived from the Sandbox row so any worker can find it again without stored state. */
export function agentSessionId(sandboxId: string): string {
  return `omoi-agent-${sandboxId}`;
}

/** Where the provider keeps its files: next to the workspace, in the sandbox user's home. */
function agentPaths(ref: Pick<SandboxRef, "workspacePath">) {
  const home = path.posix.dirname(ref.workspacePath);
  const dir = path.posix.join(home, AGENT_DIR);
  return {
    home,
    dir,
    bundle: path.posix.join(dir, BUNDLE_FILE),
    pidFile: path.posix.join(dir, PID_FILE),
    envFile: path.posix.join(dir, ENV_FILE),
  };
}

/**
 * The agent's env contract as the file it loads at start (then deletes). Values travel as a file upload, never in a
 * command: a session command's text stays in the session's history (and the process's command line), where the
 * sandbox token would outlive the agent. PATH and HOME are not in it: they say where things are and stay on the
 * command line (see buildAgentCommand).
 */
export function buildAgentEnvFile(env: Record<string, string>): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
    if (name !== "PATH" && name !== "HOME") values[name] = value;
  }
  return `${JSON.stringify(values)}\n`;
}

/**
 * The session command that runs the agent. `env -i` gives the agent PATH, HOME and the path of its env file
 * (buildAgentEnvFile) only: nothing of the daemon's or the sandbox's environment, and no value of the contract.
 * PATH defaults to the session shell's own (`"$PATH"` is expanded there), because where node lives depends on the
 * snapshot. The inner shell records its pid and `exec`s node, so the pid file names the agent itself and the
 * command's exit code is the agent's.
 */
export function buildAgentCommand(ref: Pick<SandboxRef, "workspacePath">, env: Record<string, string>): string {
  const paths = agentPaths(ref);
  const assignments = [
    "PATH" in env ? `PATH=${shellQuote(env.PATH!)}` : `PATH="$PATH"`,
    `HOME=${shellQuote(env.HOME ?? paths.home)}`,
    `OMOIOS_ENV_FILE=${shellQuote(paths.envFile)}`,
  ];
  const inner = [
    `echo $$ > ${shellQuote(paths.pidFile)}`,
    `cd ${shellQuote(ref.workspacePath)}`,
    // cd exported these; OLDPWD would name the session's directory.
    `unset OLDPWD PWD`,
    `exec node ${shellQuote(paths.bundle)} agent`,
  ].join(" && ");
  return `env -i ${assignments.join(" ")} /bin/sh -c ${shellQuote(inner)}`;
}

/**
 * SIGTERM, then SIGKILL after the grace period. The /proc check keeps a recycled pid (the agent long gone) from
 * being killed.
 */
export function buildKillScript(ref: Pick<SandboxRef, "workspacePath">, graceSeconds = STOP_GRACE_SECONDS): string {
  const { pidFile } = agentPaths(ref);
  return [
    `p=$(cat ${shellQuote(pidFile)} 2>/dev/null)`,
    `[ -n "$p" ] || exit 0`,
    `grep -q ${BUNDLE_FILE} /proc/$p/cmdline 2>/dev/null || exit 0`,
    `kill -TERM "$p" 2>/dev/null`,
    `i=0`,
    `while [ $i -lt ${graceSeconds} ] && kill -0 "$p" 2>/dev/null; do sleep 1; i=$((i+1)); done`,
    `kill -KILL "$p" 2>/dev/null`,
    `exit 0`,
  ].join("; ");
}

/** The last `bytes` of `text`, without a broken UTF-8 sequence at the start. */
function tailBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, "utf8");
  if (buffer.length <= bytes) return text;
  let start = buffer.length - Math.max(0, bytes);
  while (start < buffer.length && (buffer[start]! & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString("utf8");
}

function isRemoteGitUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
}

function isNotFound(err: unknown): boolean {
  return err instanceof DaytonaNotFoundError || (err instanceof DaytonaError && err.statusCode === 404);
}

function isConflict(err: unknown): boolean {
  return err instanceof DaytonaError && err.statusCode === 409;
}

export function createDaytonaProvider(options: DaytonaProviderOptions): SandboxProvider {
  const secrets = [options.apiKey, options.gitCredentials?.password].filter((s): s is string => Boolean(s && s.length >= 4));

  function redact(text: string): string {
    let out = text;
    for (const secret of secrets) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[redacted]");
    }
    return out;
  }

  function wrap(operation: string, err: unknown): DaytonaProviderError {
    if (err instanceof DaytonaProviderError) return err;
    const status = err instanceof DaytonaError ? err.statusCode : undefined;
    const message = err instanceof Error ? err.message : String(err);
    const hint = status === 401 || status === 403 ? " (is the Daytona API key valid?)" : "";
    return new DaytonaProviderError(
      operation,
      redact(`daytona ${operation} failed${status ? ` (HTTP ${status})` : ""}: ${message}${hint}`),
      status,
    );
  }

  let client: Daytona | undefined;
  function daytona(): Daytona {
    // Polling rather than the SDK's default Socket.IO event stream: every call here is a short request/response
    // from a worker job, and a websocket per client would outlive it for nothing.
    client ??= new Daytona({
      apiKey: options.apiKey,
      apiUrl: options.apiUrl ?? DEFAULT_API_URL,
      target: options.target,
      useDeprecatedPolling: true,
    });
    return client;
  }

  async function find(externalId: string): Promise<Sandbox | null> {
    try {
      return await daytona().get(externalId);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async function deleteQuietly(sandbox: Sandbox): Promise<void> {
    try {
      await sandbox.delete();
    } catch {
      // Best effort while reporting another failure; the labels let an operator find a leftover.
    }
  }

  /** A create that failed inside the SDK may still have made a sandbox (e.g. it never started): find it by label. */
  async function deleteByLabel(sandboxId: string): Promise<void> {
    try {
      for await (const sandbox of daytona().list({ labels: { "omoios.sandbox": sandboxId } })) await deleteQuietly(sandbox);
    } catch {
      // Same: best effort.
    }
  }

  function credentialsFor(url: string): { username?: string; password?: string } {
    const credentials = options.gitCredentials;
    if (!credentials) return {};
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return {};
    }
    const host = (credentials.host ?? "github.com").toLowerCase();
    if (parsed.protocol !== "https:" || parsed.hostname.toLowerCase() !== host) return {};
    // The same rule as the server's own git (lib/repos/git-env.ts): the token only for owners the operator allowed.
    const owner = host === "github.com" ? githubOwnerOf(url)?.toLowerCase() : null;
    if (credentials.allowedOwners && (!owner || !credentials.allowedOwners.includes(owner))) return {};
    return { username: credentials.username, password: credentials.password };
  }

  async function run(sandbox: Sandbox, script: string, what: string, timeoutSeconds = 120): Promise<void> {
    // `sh -c` so the script means the same whether or not the daemon runs commands through a shell.
    const result = await sandbox.process.executeCommand(`sh -c ${shellQuote(script)}`, undefined, undefined, timeoutSeconds);
    if (result.exitCode !== 0) throw new Error(`${what} exited with ${result.exitCode}: ${result.result.trim().slice(-2000)}`);
  }

  async function agentCommand(sandbox: Sandbox, sandboxId: string): Promise<{ id: string; exitCode?: number | null } | null> {
    try {
      const session = await sandbox.process.getSession(agentSessionId(sandboxId));
      const command = session.commands?.at(-1);
      return command ? { id: command.id, exitCode: command.exitCode } : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  return {
    name: "daytona",

    async create(input: CreateSandboxInput): Promise<SandboxRef> {
      const repoUrl = input.repo.url;
      if (repoUrl && !isRemoteGitUrl(repoUrl)) {
        throw new DaytonaProviderError(
          "create",
          `daytona create failed: ${repoUrl} is not a remote git URL; a Daytona sandbox cannot reach local paths`,
        );
      }
      try {
        await access(options.agentBundlePath);
      } catch {
        throw new DaytonaProviderError(
          "create",
          `daytona create failed: the agent bundle ${options.agentBundlePath} does not exist (run build:agent)`,
        );
      }

      const labels: Record<string, string> = {};
      const labelValues: Record<string, string | null | undefined> = {
        "omoios.project": input.projectId,
        "omoios.spec": input.specId,
        "omoios.task": input.taskId,
        "omoios.sandbox": input.sandboxId,
        "omoios.purpose": input.purpose,
      };
      for (const [key, value] of Object.entries(labelValues)) if (value !== null && value !== undefined) labels[key] = value;

      // No envVars: the agent's env (its token included) goes to its process only, in startAgent. Sandbox-level
      // env would be visible to every process in the sandbox and stored with the sandbox at Daytona.
      const base = { labels, autoStopInterval: options.autoStopMinutes };
      const timeout = { timeout: CREATE_TIMEOUT_SECONDS };
      let sandbox: Sandbox;
      try {
        if (options.snapshot) sandbox = await daytona().create({ ...base, snapshot: options.snapshot }, timeout);
        else if (options.image) {
          const given = options.resources && Object.values(options.resources).some((v) => v !== undefined);
          sandbox = await daytona().create({ ...base, image: options.image, resources: given ? options.resources : undefined }, timeout);
        } else sandbox = await daytona().create(base, timeout);
      } catch (err) {
        const error = wrap("create", err);
        // 401/403/400 mean nothing was made; anything else may have left a sandbox behind.
        if (!(err instanceof DaytonaError && [400, 401, 403].includes(err.statusCode ?? 0))) await deleteByLabel(input.sandboxId);
        throw error;
      }

      try {
        const home = (await sandbox.getUserHomeDir()) || "/home/daytona";
        const workspacePath = path.posix.join(home, "workspace");
        const ref: SandboxRef = { sandboxId: input.sandboxId, externalId: sandbox.id, workspacePath, logPath: null };
        const paths = agentPaths(ref);

        if (repoUrl) {
          const { username, password } = credentialsFor(repoUrl);
          // Credentials travel only as clone arguments: the daemon uses them for this clone and nothing is written
          // to the URL, the repository's config or a file.
          await sandbox.git.clone(repoUrl, workspacePath, input.repo.branch || undefined, undefined, username, password);
        } else {
          await run(
            sandbox,
            `mkdir -p ${shellQuote(workspacePath)} && git init -q -b ${shellQuote(input.repo.branch || "main")} ${shellQuote(workspacePath)}`,
            "git init",
          );
        }
        await sandbox.fs.createFolder(paths.dir, "700");
        await sandbox.fs.uploadFile(options.agentBundlePath, paths.bundle);
        return ref;
      } catch (err) {
        await deleteQuietly(sandbox);
        throw wrap("create", err);
      }
    },

    /**
     * `onExit` is not called: nothing here watches the remote process, and the agent's heartbeats (or their absence)
     * are the source of truth. `status` tells the exit code when asked.
     */
    async startAgent(ref: SandboxRef, env: Record<string, string>): Promise<void> {
      let command: string;
      let envFile: string;
      try {
        envFile = buildAgentEnvFile(env);
        command = buildAgentCommand(ref, env);
      } catch (err) {
        throw wrap("startAgent", err);
      }
      try {
        const sandbox = await daytona().get(ref.externalId);
        if (sandbox.state === "stopped") await sandbox.start(CREATE_TIMEOUT_SECONDS);
        else if (sandbox.state !== "started") throw new Error(`sandbox ${ref.externalId} is ${sandbox.state}`);

        const sessionId = agentSessionId(ref.sandboxId);
        try {
          await sandbox.process.createSession(sessionId);
        } catch (err) {
          if (!isConflict(err)) throw err;
          // A session from an earlier start: reuse its name unless an agent still runs in it.
          const previous = await agentCommand(sandbox, ref.sandboxId);
          if (previous && (previous.exitCode === undefined || previous.exitCode === null)) throw new Error("the agent is already running");
          await sandbox.process.deleteSession(sessionId);
          await sandbox.process.createSession(sessionId);
        }
        // The token goes by file upload, into the agent's 0700 folder, and is narrowed to 0600 before the agent
        // starts; the command only names the file.
        const { envFile: envPath } = agentPaths(ref);
        await sandbox.fs.uploadFile(Buffer.from(envFile, "utf8"), envPath);
        await sandbox.fs.setFilePermissions(envPath, { mode: "600" });
        // Output stays with the session command; logTail reads it through the session logs API.
        await sandbox.process.executeSessionCommand(sessionId, { command, runAsync: true });
      } catch (err) {
        throw wrap("startAgent", err);
      }
    },

    async stop(ref: SandboxRef): Promise<void> {
      try {
        const sandbox = await find(ref.externalId);
        if (!sandbox || sandbox.state !== "started") return;
        // Best effort: whatever survives dies with the sandbox below, only without the SIGTERM grace.
        await run(sandbox, buildKillScript(ref), "kill agent", STOP_GRACE_SECONDS + 20).catch(() => {});
        await sandbox.process.deleteSession(agentSessionId(ref.sandboxId)).catch(() => {});
        try {
          await sandbox.stop();
        } catch (err) {
          if (isNotFound(err)) return;
          await sandbox.refreshData().catch(() => {});
          if (!GONE_STATES.has(sandbox.state ?? "")) throw err;
        }
      } catch (err) {
        throw wrap("stop", err);
      }
    },

    async destroy(ref: SandboxRef): Promise<void> {
      try {
        const sandbox = await find(ref.externalId);
        if (!sandbox || sandbox.state === "destroyed" || sandbox.state === "destroying") return;
        await sandbox.delete();
      } catch (err) {
        if (isNotFound(err)) return;
        throw wrap("destroy", err);
      }
    },

    async status(ref: SandboxRef): Promise<SandboxStatus> {
      try {
        const sandbox = await find(ref.externalId);
        if (!sandbox || GONE_STATES.has(sandbox.state ?? "")) return { state: "exited", exitCode: null };
        if (sandbox.state !== "started") return { state: "unknown" };
        const command = await agentCommand(sandbox, ref.sandboxId);
        // No session in a started sandbox: never started, stopped, or lost with a daemon restart.
        if (!command) return { state: "exited", exitCode: null };
        if (command.exitCode === undefined || command.exitCode === null) return { state: "running" };
        return { state: "exited", exitCode: command.exitCode };
      } catch {
        return { state: "unknown" };
      }
    },

    /**
     * The branch leaves as a `git bundle` made inside the sandbox (its git, its files, its problem), downloaded
     * through the toolbox and fetched into the mirror here (fetchFromBundle verifies it first). Nothing is pushed from
     * the sandbox and no credential is sent to it.
     */
    async exportBranch(ref, branch, intoGitDir, intoRef) {
      const local = path.join(await mkdtemp(path.join(tmpdir(), "omoios-bundle-")), "export.bundle");
      const remote = path.posix.join(agentPaths(ref).dir, `export-${randomBytes(6).toString("hex")}.bundle`);
      try {
        const sandbox = await find(ref.externalId);
        if (!sandbox) throw new Error("the sandbox no longer exists");
        await run(
          sandbox,
          `git -C ${shellQuote(ref.workspacePath)} bundle create --quiet ${shellQuote(remote)} ${shellQuote(`refs/heads/${branch}`)}`,
          "git bundle create",
          EXPORT_TIMEOUT_SECONDS,
        );
        try {
          await sandbox.fs.downloadFile(remote, local, EXPORT_TIMEOUT_SECONDS);
        } finally {
          await sandbox.fs.deleteFile(remote).catch(() => {});
        }
        await fetchFromBundle({ bundlePath: local, branch, gitDir: intoGitDir, intoRef });
      } catch (err) {
        throw wrap("exportBranch", err);
      } finally {
        await rm(path.dirname(local), { recursive: true, force: true });
      }
    },

    async logTail(ref: SandboxRef, bytes: number): Promise<string> {
      try {
        const sandbox = await find(ref.externalId);
        if (!sandbox || sandbox.state !== "started") return "";
        const command = await agentCommand(sandbox, ref.sandboxId);
        if (!command) return "";
        const logs = await sandbox.process.getSessionCommandLogs(agentSessionId(ref.sandboxId), command.id);
        return tailBytes(logs.output || (logs.stdout ?? "") + (logs.stderr ?? ""), bytes);
      } catch (err) {
        throw wrap("logTail", err);
      }
    },
  };
}
