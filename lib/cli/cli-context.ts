import os from "node:os";
import readline from "node:readline";

/** Everything a command touches outside itself, so tests run the real commands with their own folders and server. */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads one line (prompt on stderr); undefined when there is no more input. */
  readLine(prompt: string): Promise<string | undefined>;
  fetch: typeof fetch;
  /** Waits between retries of a failed request, in ms; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  /** Per-request time limit, in ms. */
  requestTimeoutMs: number;
  homeDir: string;
}

export const DEFAULT_RETRY_DELAYS_MS = [500, 1500, 4000] as const;

/** The real process: its folder, environment, streams and network. */
export function processCliContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readLine: readProcessLine,
    fetch: globalThis.fetch,
    retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
    requestTimeoutMs: 30_000,
    homeDir: os.homedir(),
  };
}

function readProcessLine(prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
    let answered = false;
    if (process.stdin.isTTY) process.stderr.write(prompt);
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line.trim());
    });
    rl.once("close", () => {
      if (!answered) resolve(undefined);
    });
  });
}
