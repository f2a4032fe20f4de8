/**
 * Where agents run. A provider turns a Sandbox row into a running `omoi agent`: `create` prepares an isolated
 * workspace with the project's code, `startAgent` launches the agent with exactly the env contract of DESIGN §5,
 * `stop` ends the agent, `destroy` removes everything, `status` tells whether the agent is still alive.
 *
 * Providers keep no state of their own that matters: everything needed to find a sandbox again (externalId,
 * workspace path, log path) is returned to the caller, stored on the Sandbox row, and passed back in `ref`. A
 * worker that restarts can therefore stop or inspect a sandbox another worker created.
 */
export type SandboxProviderName = "local" | "daytona";

export interface SandboxRepo {
  /** A git URL or a local path; null → an empty git repository. */
  url: string | null;
  branch: string;
  /**
   * What the workspace's `origin` is set to after the clone, when `url` is the server's own mirror: the project's
   * repository (or nothing usable), so the agent never learns — or tries to push to — where the server keeps its copy.
   */
  originUrl?: string | null;
}

export interface CreateSandboxInput {
  /** The Sandbox row's id (also used in folder names and labels). */
  sandboxId: string;
  purpose: "spec" | "task" | "integration";
  projectId: string;
  specId?: string | null;
  taskId?: string | null;
  repo: SandboxRepo;
}

/** What a provider needs to find a sandbox again; stored on the Sandbox row. */
export interface SandboxRef {
  sandboxId: string;
  externalId: string;
  workspacePath: string;
  logPath?: string | null;
}

export type SandboxLiveness = "running" | "exited" | "unknown";

export interface SandboxStatus {
  state: SandboxLiveness;
  /** Exit code of the agent when it has exited and the provider knows it. */
  exitCode?: number | null;
}

export interface SandboxProvider {
  readonly name: SandboxProviderName;
  /** Prepares the workspace (repository cloned at its branch, or an empty repo). */
  create(input: CreateSandboxInput): Promise<SandboxRef>;
  /**
   * Starts `omoi agent` with `env` as its *whole* environment (plus what the provider needs to run a process at
   * all, e.g. PATH/HOME pointing inside the sandbox). `onExit` is called when this process observes the agent end;
   * it is a shortcut for prompt recovery only — heartbeats remain the source of truth.
   */
  startAgent(ref: SandboxRef, env: Record<string, string>, onExit?: (status: SandboxStatus) => void): Promise<void>;
  /** Ends the agent (SIGTERM, then SIGKILL after a grace period); safe to call when it already ended. */
  stop(ref: SandboxRef): Promise<void>;
  /** Removes the workspace / remote sandbox; safe to call twice. */
  destroy(ref: SandboxRef): Promise<void>;
  status(ref: SandboxRef): Promise<SandboxStatus>;
  /**
   * Copies `refs/heads/<branch>` of the workspace into `intoRef` of the server's repository `intoGitDir` (a project's
   * mirror, lib/repos), so the server can check and push the work itself. Neither the server's git nor any credential
   * runs in the workspace: local sandboxes are fetched from (git's upload-pack), Daytona sandboxes hand over a bundle.
   */
  exportBranch(ref: SandboxRef, branch: string, intoGitDir: string, intoRef: string): Promise<void>;
  /** The last `bytes` of the agent's output, for members looking at a sandbox. */
  logTail(ref: SandboxRef, bytes: number): Promise<string>;
}
