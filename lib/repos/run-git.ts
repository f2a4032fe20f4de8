import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { gitEnv } from "@/lib/repos/git-env";

const run = promisify(execFile);

export interface RunGitOptions {
  /** A repository (`git -C`); omitted for commands that need none (ls-remote). */
  gitDir?: string;
  /** Default: gitEnv() — nothing of the server's environment, no credentials. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A failed git command; `stderr` is kept so callers can tell a refused push from a broken connection. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "GitCommandError";
  }
}

/**
 * Runs one git command of the server (never inside a sandbox's workspace) and returns its trimmed stdout. The error
 * names the subcommand and the last lines git printed, which is what a person reading a task's error needs.
 */
export async function runGit(args: string[], options: RunGitOptions = {}): Promise<string> {
  const argv = options.gitDir ? ["-C", options.gitDir, ...args] : args;
  try {
    const { stdout } = await run("git", argv, { env: options.env ?? gitEnv(), timeout: options.timeoutMs ?? 10 * 60_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    const subcommand = args.find((arg) => !arg.startsWith("-") && !arg.includes("=")) ?? "command";
    const detail = stderr.split("\n").filter(Boolean).slice(-3).join(" ") || (error as Error).message;
    throw new GitCommandError(`git ${subcommand} failed: ${detail}`, stderr);
  }
}
