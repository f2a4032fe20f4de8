import { spawn } from "node:child_process";

export interface ShellCommandOptions {
  cwd: string;
  command: string;
  timeoutMs: number;
  /** Output beyond this many bytes is dropped from the middle: the first and the last half are kept. */
  maxOutputBytes: number;
  /** The complete environment of the command; nothing is inherited from this process. */
  env: Record<string, string>;
  signal?: AbortSignal;
}

export interface ShellCommandResult {
  exitCode: number | null;
  /** The signal that ended bash, if one did. */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  omittedBytes: number;
  durationMs: number;
}

/** How long to wait for the pipes to close after the process group was killed (a process that left the group could hold them). */
const PIPE_GRACE_MS = 1000;

/**
 * Runs `bash -lc <command>` in its own process group. A timeout or an abort kills the whole group, so `sleep`, test
 * runners and servers started by the command die with it; so does the end of the command itself, so nothing it
 * started in the background outlives it. A login shell, so that toolchains set up in /etc/profile.d of a sandbox
 * image are on PATH; the caller's PATH is put back in front because Debian's /etc/profile replaces PATH.
 */
export function runShellCommand(options: ShellCommandOptions): Promise<ShellCommandResult> {
  const started = Date.now();
  const { OMOIOS_CALLER_PATH: _reserved, ...env } = options.env;
  const script = `PATH="$OMOIOS_CALLER_PATH\${PATH:+:$PATH}"; export PATH; unset OMOIOS_CALLER_PATH\n${options.command}`;

  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-lc", script], {
      cwd: options.cwd,
      // The cast: Next's types declare NODE_ENV as always present; this environment deliberately has only what it was given.
      env: { ...env, OMOIOS_CALLER_PATH: env.PATH ?? "" } as Record<string, string> as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = collectOutput(options.maxOutputBytes);
    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        aborted,
        ...output.result(),
        durationMs: Date.now() - started,
      });
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      killGroup();
      graceTimer ??= setTimeout(finish, PIPE_GRACE_MS);
    };
    const onAbort = () => {
      aborted = true;
      stop();
    };

    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", output.add);
    child.stderr.on("data", output.add);
    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      stop();
    });
    child.on("close", finish);
  });
}

function collectOutput(maxBytes: number) {
  const headLimit = Math.ceil(maxBytes / 2);
  const tailLimit = maxBytes - headLimit;
  const head: Buffer[] = [];
  let headSize = 0;
  let tail = Buffer.alloc(0);
  let total = 0;
  return {
    add(chunk: Buffer) {
      total += chunk.length;
      if (headSize < headLimit) {
        const part = chunk.subarray(0, headLimit - headSize);
        head.push(part);
        headSize += part.length;
        chunk = chunk.subarray(part.length);
      }
      if (chunk.length > 0 && tailLimit > 0) {
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > tailLimit) tail = tail.subarray(tail.length - tailLimit);
      }
    },
    result() {
      const omittedBytes = total - headSize - tail.length;
      const text =
        omittedBytes > 0
          ? `${Buffer.concat(head).toString("utf8")}\n[… output truncated: ${omittedBytes} bytes omitted …]\n${tail.toString("utf8")}`
          : Buffer.concat([...head, tail]).toString("utf8");
      return { output: text, omittedBytes };
    },
  };
}
