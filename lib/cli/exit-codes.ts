/**
 * Exit codes of `omoi`, the same for every command so a script can branch on them (documented in `omoi help`,
 * the README and docs/omoi-files.md).
 */
export const EXIT = {
  ok: 0,
  /** Invalid files, differences found (sync diff), or the server refused the content (4xx other than auth). */
  failed: 1,
  /** Wrong command line, or no `.omoi_os/` folder where one is needed. */
  usage: 2,
  /** No API key, or the server refused it (401/403). */
  auth: 3,
  /** The server could not be reached, or kept failing (5xx, 429), after retries. */
  network: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the person at the terminal: printed as one message (no stack) and mapped to an exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** The server's error, when there was one: its status, code and field errors. */
    readonly api?: { status: number; code: string; fields: Record<string, string[]> },
  ) {
    super(message);
    this.name = "CliError";
  }
}
