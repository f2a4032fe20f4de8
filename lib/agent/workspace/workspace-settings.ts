/** `exploration` may only read; `implementation` may also write files and run any command. */
export type ExecutionMode = "exploration" | "implementation";

/** What every workspace tool needs to know, fixed when the toolset is created. */
export interface WorkspaceSettings {
  root: string;
  mode: ExecutionMode;
  /** Largest read_file answer, in characters. */
  maxReadChars: number;
  /** Largest run_command output kept, in bytes (the first and the last half). */
  maxOutputBytes: number;
  commandTimeoutMs: number;
  /** Upper bound for a timeout the model asks for. */
  maxCommandTimeoutMs: number;
  /** Extra variables for commands, passed explicitly by the caller (never copied from process.env). */
  commandEnv: Record<string, string>;
  /** HOME for commands: an empty private directory, so no profile or credentials of the host are picked up. */
  homeDir(): Promise<string>;
}
