import { spawn } from "node:child_process";
import path from "node:path";

export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Output passed maxBytes and git was stopped. */
  truncated: boolean;
}

/**
 * Runs git in the workspace for the search tools. Git gets no global or system config, cannot discover a
 * repository above the workspace, and has fsmonitor off, so neither the host's config nor a repository's config
 * can make a search run a program; it also gets no variables beyond PATH and LANG.
 */
export function runGit(root: string, args: string[], options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<GitResult> {
  const maxBytes = options.maxBytes ?? 4_000_000;
  return new Promise((resolve) => {
    const child = spawn("git", ["-c", "core.fsmonitor=false", "-c", "core.quotepath=off", ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      signal: options.signal,
      // The cast: Next's types declare NODE_ENV as always present; a child needs no such thing.
      env: {
        PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
        LANG: "C.UTF-8",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CEILING_DIRECTORIES: path.dirname(root),
        GIT_TERMINAL_PROMPT: "0",
        GIT_OPTIONAL_LOCKS: "0",
      } as Record<string, string> as NodeJS.ProcessEnv,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let truncated = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (truncated) return;
      size += chunk.length;
      stdout.push(chunk);
      if (size > maxBytes) {
        truncated = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => resolve({ code: null, stdout: "", stderr: error.message, truncated: false }));
    child.on("close", (code) => {
      resolve({
        code,
        stdout: Buffer.concat(stdout).subarray(0, maxBytes).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        truncated,
      });
    });
  });
}
