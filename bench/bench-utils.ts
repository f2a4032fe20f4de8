import fs from "node:fs";

// Shared by the benchmarks: numeric command-line options and percentiles.

/** `--name <number>` from the command line, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The p-th percentile (nearest rank) of some values; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** utime+stime of a process in ms (clock ticks of 10 ms); with `reaped`, also its waited-for children's. */
export function processCpuMs(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 (utime, stime, cutime, cstime) are f[11]–f[14] after the command name.
    return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) * 10;
  } catch {
    return 0;
  }
}

/** CPU (ms) of a PostgreSQL postmaster, its live backends and (through its cutime) the ones that have exited. */
export function postgresCpuMs(postmaster: number | null): number {
  if (!postmaster) return 0;
  let total = processCpuMs(postmaster, true);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster) total += processCpuMs(Number(entry));
    } catch {}
  }
  return total;
}
