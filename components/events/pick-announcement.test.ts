import { describe, expect, it } from "vitest";
import type { StoredEventDto } from "@/lib/events/list-events";
import { pickAnnouncement } from "./pick-announcement";

const event = (seq: number, type: string, data: unknown): StoredEventDto => ({
  seq,
  type,
  source: "agent",
  sandboxId: null,
  taskId: null,
  data,
  createdAt: "2026-01-02T10:41:03Z",
});

const events = [
  event(1, "spec.phase_started", { phase: "explore", attempt: 1 }),
  event(2, "agent.tool_use", { turn: 1, toolUseId: "a", tool: "grep", summary: "x" }),
  event(3, "spec.phase_completed", { phase: "explore", attempt: 1, score: 0.9 }),
  event(4, "spec.heartbeat", {}),
  event(5, "spec.phase_started", { phase: "requirements", attempt: 1 }),
  event(6, "spec.heartbeat", {}),
];

describe("pickAnnouncement", () => {
  it("reads out only phase changes after the cursor", () => {
    expect(pickAnnouncement(events, 5)).toBeNull();
    expect(pickAnnouncement(events, 4)).toBe("Requirements started");
    expect(pickAnnouncement(events, 2)).toBe("Explore passed · score 0.90. Requirements started");
  });

  it("keeps a burst short", () => {
    expect(pickAnnouncement(events, 0)).toBe("Explore passed · score 0.90. Requirements started");
  });
});
