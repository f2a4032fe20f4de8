import fs from "node:fs";

const POLL_MS = 1_000;

interface ProcessId {
  pid: number;
  /** Start time in clock ticks since boot: a pid reused by a new process is not the same process. */
  startTime: string;
}

/** pid, parent pid, process group and start time of a process, from /proc (null when it is gone). */
function readStat(pid: number | "self"): { pid: number; ppid: number; pgid: number; startTime: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid: Number(stat.slice(0, stat.indexOf(" "))), ppid: Number(fields[1]), pgid: Number(fields[2]), startTime: fields[19]! };
  } catch {
    return null;
  }
}

/**
 * The processes that started this one, up to the leader of its process group: `npm start` → sh → tsx → node. Process
 * managers (systemd, Docker, pm2) signal the process they started — npm — and npm 11 ends without passing SIGTERM
 * on, leaving the app, its database and its agents running as orphans that hold the port and the data folder.
 * Empty where /proc is missing or this process leads its own group.
 */
export function findLaunchers(): ProcessId[] {
  const self = readStat("self");
  if (!self) return [];
  const chain: ProcessId[] = [];
  let next = self.ppid;
  for (let depth = 0; depth < 16 && next > 1; depth++) {
    const stat = readStat(next);
    if (!stat || stat.pgid !== self.pgid) break;
    chain.push({ pid: stat.pid, startTime: stat.startTime });
    if (stat.pid === self.pgid) break; // the group's leader: whoever was started by a shell or a process manager
    next = stat.ppid;
  }
  return chain;
}

/**
 * Calls `onGone` once when any process that started this one has ended (npm killed by a process manager's SIGTERM,
 * a test runner that died): the server then stops as if it had been signalled itself. Returns a stop function.
 */
export function watchLaunchers(onGone: (launcher: number) => void, launchers: ProcessId[] = findLaunchers()): () => void {
  if (launchers.length === 0) return () => {};
  const timer = setInterval(() => {
    const gone = launchers.find((p) => readStat(p.pid)?.startTime !== p.startTime);
    if (!gone) return;
    clearInterval(timer);
    onGone(gone.pid);
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
