import { describe, expect, it } from "vitest";
import type { StoredEventDto } from "@/lib/events/list-events";
import { EVENT_CATEGORIES, type EventCategory } from "./event-categories";
import { buildTimelineRows, countByCategory, formatEventTime, heartbeatLabel } from "./timeline-rows";

let seq = 0;
const event = (type: string, data: unknown = {}): StoredEventDto => {
  seq++;
  return { seq, type, source: "agent", sandboxId: "sb", taskId: null, data, createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString() };
};
const all = new Set<EventCategory>(EVENT_CATEGORIES);

describe("buildTimelineRows", () => {
  it("folds consecutive heartbeats into one row that keeps the first key", () => {
    const events = [
      event("spec.phase_started", { phase: "explore", attempt: 1 }),
      event("spec.heartbeat"),
      event("spec.heartbeat"),
      event("spec.heartbeat"),
      event("agent.tool_use", { turn: 1, toolUseId: "t", tool: "grep", summary: "TODO" }),
      event("spec.heartbeat"),
    ];
    const rows = buildTimelineRows(events, all);
    expect(rows.map((row) => row.kind)).toEqual(["event", "heartbeats", "event", "heartbeats"]);
    const group = rows[1];
    expect(group?.kind === "heartbeats" && group.count).toBe(3);
    expect(group?.kind === "heartbeats" && group.last.seq).toBe(events[3]!.seq);
    expect(group?.key).toBe(`hb-${events[1]!.seq}`);
  });

  it("groups heartbeats across hidden events and drops hidden categories", () => {
    const events = [event("spec.heartbeat"), event("agent.tool_use", { turn: 1, toolUseId: "t", tool: "ls", summary: "." }), event("spec.heartbeat")];
    const rows = buildTimelineRows(events, new Set<EventCategory>(["heartbeat"]));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.kind === "heartbeats" && rows[0].count).toBe(2);
    expect(buildTimelineRows(events, new Set<EventCategory>(["tool"])).map((row) => row.kind)).toEqual(["event"]);
  });

  it("reuses the row object of an event across rebuilds, so memoized rows skip re-rendering", () => {
    const events = [event("agent.message", { turn: 1, text: "a" })];
    const first = buildTimelineRows(events, all)[0];
    const second = buildTimelineRows([...events, event("agent.message", { turn: 2, text: "b" })], all)[0];
    expect(second).toBe(first);
  });

  it("keeps up with 10,000 events", () => {
    const events = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? event("spec.heartbeat") : event("agent.message", { turn: i, text: "hi" })));
    const started = performance.now();
    const rows = buildTimelineRows(events, all);
    expect(performance.now() - started).toBeLessThan(200);
    expect(rows.length).toBeGreaterThan(6_000);
  });
});

describe("countByCategory", () => {
  it("counts every category, unknown types as other", () => {
    const counts = countByCategory([event("spec.heartbeat"), event("agent.error", { turn: 1, message: "x", retrying: false }), event("made.up")]);
    expect(counts.heartbeat).toBe(1);
    expect(counts.error).toBe(1);
    expect(counts.other).toBe(1);
    expect(counts.tool).toBe(0);
  });
});

describe("labels", () => {
  it("formats time as HH:MM:SS and names heartbeat groups", () => {
    expect(formatEventTime("2026-01-02T10:41:03Z")).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(heartbeatLabel(12, "10:41:03")).toBe("12 heartbeats, last 10:41:03");
    expect(heartbeatLabel(1, "10:41:03")).toBe("1 heartbeat, last 10:41:03");
  });
});
