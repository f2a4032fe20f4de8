import path from "node:path";
import type { SandboxLimits } from "@/lib/sandbox/isolation/build-bwrap-command";
import { parseEgressRules } from "@/lib/sandbox/isolation/egress-rules";
import { prepareSandboxRoot, sandboxUserFor, type SandboxUser } from "@/lib/sandbox/isolation/prepare-isolation";
import { netHostPathFor } from "@/lib/sandbox/isolation/run-sandbox-net-host";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

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

/** What every provider operation shares: the options resolved once, and where a sandbox's files are. */
export interface LocalContext {
  readonly options: LocalProviderOptions;
  readonly root: string;
  readonly stopGraceMs: number;
  readonly isolated: boolean;
  readonly limits: SandboxLimits;
  readonly netHostPath: string;
  userOf(sandboxId: string): SandboxUser;
  /** Prepares the sandbox root on first use (once per provider). */
  ensureRoot(): void;
  dirOf(sandboxId: string): string;
  pidFile(ref: SandboxRef): string;
}

export function createLocalContext(options: LocalProviderOptions): LocalContext {
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
  return { options, root, stopGraceMs, isolated, limits, netHostPath, userOf, ensureRoot, dirOf, pidFile };
}

export function safeName(id: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`invalid sandbox id: ${id}`);
  return id;
}
