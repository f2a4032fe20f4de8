import { parseCronItems, type ParsedCronItem } from "graphile-worker";

export const REAPER_TASK = "reap_sandboxes";
const MINUTE_MS = 60_000;

/**
 * One key for every reaper job, whoever adds it (the cron tick, the previous pass, a starting worker): at most one
 * pass is pending across all workers.
 */
export const REAPER_JOB_KEY = REAPER_TASK;
export const REAPER_MAX_ATTEMPTS = 5;

export interface ReaperSchedule {
  /** The cron pattern of the crontab item (graphile-worker's cron has minute granularity, in UTC). */
  pattern: string;
  cronItems: ParsedCronItem[];
  /**
   * Below a minute, cron cannot express the interval: each pass then books the next one this long after it (and a
   * starting worker books the first). Null at a minute or more, where the cron item alone is the schedule.
   */
  followUpMs: number | null;
}

/**
 * The reaper's crontab item for an interval (SANDBOX_REAPER_SECONDS). graphile-worker schedules each cron tick
 * once across all workers (graphile_worker._private_known_crontabs), so N workers make one pass per interval,
 * not N. Intervals are rounded to whole minutes, then to whole hours from an hour up (at most daily); a step that
 * does not divide the hour or day restarts at its top (every 7 minutes: …, :49, :56, :00).
 */
export function planReaperSchedule(intervalMs: number): ReaperSchedule {
  if (!(intervalMs > 0)) throw new Error(`the reaper interval must be positive (got ${intervalMs} ms)`);
  const pattern = cronPatternFor(intervalMs);
  const cronItems = parseCronItems([
    {
      task: REAPER_TASK,
      identifier: REAPER_TASK,
      match: pattern,
      // "preserve_run_at": a tick never moves a pass already booked (by an earlier tick no worker has run yet, or by
      // a sub-minute pass) later or earlier; it only adds one when none is pending.
      options: { jobKey: REAPER_JOB_KEY, jobKeyMode: "preserve_run_at", maxAttempts: REAPER_MAX_ATTEMPTS },
    },
  ]);
  // Every minute the cron item still fires: it restarts the chain of bookings should it break (a worker killed
  // mid-pass leaves its job locked for hours; a new booking with the same key replaces it).
  return { pattern, cronItems, followUpMs: intervalMs < MINUTE_MS ? intervalMs : null };
}

function cronPatternFor(intervalMs: number): string {
  const minutes = Math.max(1, Math.round(intervalMs / MINUTE_MS));
  if (minutes < 60) return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? "0 * * * *" : `0 */${hours} * * *`;
  return "0 0 * * *";
}
