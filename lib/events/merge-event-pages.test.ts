import { describe, expect, it } from "vitest";
import type { StoredEventDto } from "@/lib/events/list-events";
import { EMPTY_EVENT_STREAM, mergeEventPage, mergeEventPages, nextPageUrl } from "@/lib/events/merge-event-pages";

const event = (seq: number, type = "spec.heartbeat"): StoredEventDto => ({
  seq,
  type,
  source: "agent",
  sandboxId: "sb",
  taskId: null,
  data: {},
  createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
});

describe("mergeEventPage", () => {
  it("appends a page in order and moves the cursor", () => {
    const state = mergeEventPage(EMPTY_EVENT_STREAM, { events: [event(1), event(2)], nextCursor: 2 });
    expect(state.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(state.cursor).toBe(2);
    const next = mergeEventPage(state, { events: [event(5)], nextCursor: 5 });
    expect(next.events.map((e) => e.seq)).toEqual([1, 2, 5]);
    expect(next.cursor).toBe(5);
  });

  it("returns the same object when a poll brings nothing new", () => {
    const state = mergeEventPage(EMPTY_EVENT_STREAM, { events: [event(1)], nextCursor: 1 });
    expect(mergeEventPage(state, { events: [], nextCursor: 1 })).toBe(state);
    expect(mergeEventPage(state, { events: [event(1)], nextCursor: 1 })).toBe(state);
  });

  it("drops events it already holds when pages overlap", () => {
    const state = mergeEventPages(EMPTY_EVENT_STREAM, [
      { events: [event(1), event(2), event(3)], nextCursor: 3 },
      { events: [event(2), event(3), event(4)], nextCursor: 4 },
    ]);
    expect(state.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(state.cursor).toBe(4);
  });

  it("sorts out-of-order input and keeps seqs unique", () => {
    const state = mergeEventPages(EMPTY_EVENT_STREAM, [
      { events: [event(3), event(1), event(3)], nextCursor: 3 },
      { events: [event(2)], nextCursor: 3 },
    ]);
    expect(state.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("never moves the cursor backwards", () => {
    const state = mergeEventPage(EMPTY_EVENT_STREAM, { events: [event(10)], nextCursor: 10 });
    expect(mergeEventPage(state, { events: [], nextCursor: 0 }).cursor).toBe(10);
  });

  it("handles 10,000 events page by page without copying when idle", () => {
    let state = EMPTY_EVENT_STREAM;
    for (let page = 0; page < 20; page++) {
      const events = Array.from({ length: 500 }, (_, i) => event(page * 500 + i + 1));
      state = mergeEventPage(state, { events, nextCursor: events.at(-1)!.seq });
    }
    expect(state.events).toHaveLength(10_000);
    expect(state.cursor).toBe(10_000);
    expect(mergeEventPage(state, { events: [], nextCursor: 10_000 })).toBe(state);
  });
});

describe("nextPageUrl", () => {
  it("adds the cursor to a bare path or one with a query", () => {
    expect(nextPageUrl("/api/v1/specs/s1/events", 42, 500)).toBe("/api/v1/specs/s1/events?after=42&limit=500");
    expect(nextPageUrl("/api/v1/x?y=1", 0, 500)).toBe("/api/v1/x?y=1&after=0&limit=500");
  });
});
