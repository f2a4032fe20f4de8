import path from "node:path";

/** Where things are inside every isolated sandbox. */
export const INSIDE = {
  workspace: "/workspace",
  home: "/home/agent",
  agent: "/opt/omoi/omoi-agent.mjs",
  net: "/run/omoi",
} as const;

/** Loopback addresses the agent's bridge listens on inside the sandbox's own network namespace. */
export const INSIDE_API_ADDRESS = "127.0.0.1:7070";
export const INSIDE_PROXY_ADDRESS = "127.0.0.1:3128";

export interface SandboxLimits {
  /** Per-process data segment (RLIMIT_DATA), MiB. */
  memoryMb: number;
  /** Processes of the sandbox's user (RLIMIT_NPROC); only meaningful with a user of its own. */
  maxProcesses: number | null;
  /** Largest file a process may write (RLIMIT_FSIZE), MiB. */
  maxFileMb: number;
  /** Size of the private /tmp (tmpfs), MiB. */
  tmpMb: number;
  /** Wall time of the whole sandbox, seconds. */
  wallSeconds: number;
}

export interface BwrapCommandInput {
  /** The sandbox's folder on the host: workspace/, home/, net/ inside it. */
  dir: string;
  agentBundle: string;
  nodePath: string;
  readOnlyWorkspace: boolean;
  limits: SandboxLimits;
  /**
   * Run at a lower CPU priority (nice 10), so the web server comes first while agents compile. Not SCHED_IDLE: a
   * saturated machine starved idle-class agents past their heartbeat timeout, and they were re-spawned for nothing.
   */
  lowPriority: boolean;
}

/** System folders a program needs, read-only; what does not exist on this machine is skipped (--ro-bind-try). */
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

/**
 * The command line that starts the agent confined: `nice` (priority 10) → `prlimit` → `timeout` → `bwrap` → node.
 * bubblewrap gives it new user, PID, network, IPC, UTS and cgroup namespaces; a root of its own made of the system
 * folders read-only, the workspace (read-only when exploring), a private HOME and /tmp, a fresh /proc that shows only
 * its own processes, and the folder of the two sockets that are its only way out. Nothing else of the host — the
 * app's checkout, the data folder, other sandboxes, home folders — exists in there.
 */
export function buildBwrapCommand(input: BwrapCommandInput): { command: string; args: string[] } {
  const { dir, limits } = input;
  const mib = (n: number) => String(Math.floor(n * 1024 * 1024));
  const bwrap = [
    "bwrap",
    "--unshare-all",
    "--die-with-parent",
    "--hostname", "omoi-sandbox",
    ...SYSTEM_DIRS.flatMap((d) => ["--ro-bind-try", d, d]),
    // Node outside the system folders (nvm, a tarball under /srv) is bound alone, read-only.
    ...(isUnder(input.nodePath, SYSTEM_DIRS) ? [] : ["--ro-bind", input.nodePath, "/opt/omoi/node"]),
    "--proc", "/proc",
    "--dev", "/dev",
    "--size", mib(limits.tmpMb), "--tmpfs", "/tmp",
    "--tmpfs", "/run",
    "--ro-bind", path.join(dir, "net"), INSIDE.net,
    "--ro-bind", input.agentBundle, INSIDE.agent,
    input.readOnlyWorkspace ? "--ro-bind" : "--bind", path.join(dir, "workspace"), INSIDE.workspace,
    "--bind", path.join(dir, "home"), INSIDE.home,
    "--chdir", INSIDE.workspace,
    isUnder(input.nodePath, SYSTEM_DIRS) ? input.nodePath : "/opt/omoi/node",
    INSIDE.agent,
    "agent",
  ];
  const prlimit = [
    "prlimit",
    `--data=${mib(limits.memoryMb)}`,
    `--fsize=${mib(limits.maxFileMb)}`,
    "--core=0",
    ...(limits.maxProcesses ? [`--nproc=${limits.maxProcesses}`] : []),
    "--",
  ];
  // timeout runs in the foreground of the group, so stop() still ends everything with one signal to the group.
  const timeout = ["timeout", "--kill-after=10", String(limits.wallSeconds)];
  const all = [...(input.lowPriority ? ["nice", "-n", "10"] : []), ...prlimit, ...timeout, ...bwrap];
  return { command: all[0]!, args: all.slice(1) };
}

function isUnder(file: string, dirs: string[]) {
  return dirs.some((d) => file.startsWith(`${d}/`));
}
