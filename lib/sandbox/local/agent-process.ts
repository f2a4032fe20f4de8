import fs from "node:fs";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

// How a later process finds an agent again: its pid and that process's start time, kept in the sandbox's pid file.

async function readPid(ctx: LocalContext, ref: SandboxRef): Promise<{ pid: number; startTime: string } | null> {
  try {
    const [pid, startTime] = (await fs.promises.readFile(ctx.pidFile(ref), "utf8")).trim().split(" ");
    return pid && startTime ? { pid: Number(pid), startTime } : null;
  } catch {
    return null;
  }
}

export async function isAlive(ctx: LocalContext, ref: SandboxRef): Promise<{ pid: number } | null> {
  const recorded = await readPid(ctx, ref);
  if (!recorded) return null;
  const startTime = await processStartTime(recorded.pid);
  return startTime === recorded.startTime ? { pid: recorded.pid } : null;
}

export function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
export const signalNumber = (signal: NodeJS.Signals | null) => (signal ? (SIGNALS[signal] ?? 0) : 0);

/** Field 22 of /proc/<pid>/stat: with the pid, identifies one process (pids are reused). */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    const stat = await fs.promises.readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; fields after it are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") return null; // a zombie has ended
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
