import path from "node:path";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

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
   * For cloning only: sent with the clone of an https URL on `host` (default github.com) whose owner is in
   * `allowedOwners` (GITHUB_ALLOWED_OWNERS), so a project whose repository points elsewhere cannot collect the
   * token. Never used for pushes: the server pushes from its own mirror.
   */
  gitCredentials?: { username: string; password: string; host?: string; allowedOwners?: string[] };
}

export const DEFAULT_API_URL = "https://app.daytona.io/api";
export const BUNDLE_FILE = "omoi-agent.mjs";
export const CREATE_TIMEOUT_SECONDS = 180;
export const STOP_GRACE_SECONDS = 10;
/** Making, downloading and unpacking one branch's bundle. */
export const EXPORT_TIMEOUT_SECONDS = 600;
/** States in which no agent process can be alive. */
export const GONE_STATES: ReadonlySet<string> = new Set(["stopped", "stopping", "archived", "archiving", "destroyed", "destroying", "error", "build_failed"]);

const AGENT_DIR = ".omoi";
const PID_FILE = "agent.pid";
/** The agent's env contract, uploaded for each start; the agent reads and deletes it (OMOIOS_ENV_FILE). */
const ENV_FILE = "agent-env.json";

/** Session of the agent: derived from the Sandbox row so any worker can find it again without stored state. */
export function agentSessionId(sandboxId: string): string {
  return `omoi-agent-${sandboxId}`;
}

/** Where the provider keeps its files: next to the workspace, in the sandbox user's home. */
export function agentPaths(ref: Pick<SandboxRef, "workspacePath">) {
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
