import { describe, expect, it } from "vitest";
import { planReaperSchedule, REAPER_TASK } from "@/lib/worker/plan-reaper-schedule";

describe("planReaperSchedule", () => {
  it("turns an interval into a cron pattern: whole minutes, then whole hours, at most daily", () => {
    const patterns = [60_000, 89_000, 120_000, 5 * 60_000, 7 * 60_000, 59 * 60_000, 60 * 60_000, 3 * 3_600_000, 30 * 3_600_000].map(
      (ms) => planReaperSchedule(ms).pattern,
    );
    expect(patterns).toEqual(["* * * * *", "* * * * *", "*/2 * * * *", "*/5 * * * *", "*/7 * * * *", "*/59 * * * *", "0 * * * *", "0 */3 * * *", "0 0 * * *"]);
  });

  it("books follow-up passes only below a minute, where cron cannot say the interval (it then fires every minute)", () => {
    expect(planReaperSchedule(15_000)).toMatchObject({ pattern: "* * * * *", followUpMs: 15_000 });
    expect(planReaperSchedule(200)).toMatchObject({ pattern: "* * * * *", followUpMs: 200 });
    expect(planReaperSchedule(60_000).followUpMs).toBeNull();
    expect(planReaperSchedule(3_600_000).followUpMs).toBeNull();
  });

  it("is one parsed cron item, keyed so at most one pass is pending", () => {
    const [item, ...rest] = planReaperSchedule(300_000).cronItems;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ task: REAPER_TASK, identifier: REAPER_TASK, options: { jobKey: REAPER_TASK, jobKeyMode: "preserve_run_at" } });
    // The parsed matcher: every 5 minutes (UTC digest).
    expect(item!.match({ min: 10, hour: 3, date: 1, month: 1, dow: 1 })).toBe(true);
    expect(item!.match({ min: 11, hour: 3, date: 1, month: 1, dow: 1 })).toBe(false);
  });

  it("refuses an interval that is not positive", () => {
    expect(() => planReaperSchedule(0)).toThrow(/positive/);
    expect(() => planReaperSchedule(Number.NaN)).toThrow(/positive/);
  });
});
