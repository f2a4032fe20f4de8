import { describe, expect, it } from "vitest";
import { availableActions, formatRelative, formatUsd, isSpecLive } from "./spec-status";

const idle = { isPlanning: false, build: { queued: 0, running: 0 } };
const counts = { taskCount: 0, ticketCount: 0, redoableCount: 0, activity: idle };

describe("availableActions", () => {
  it("offers Execute for a draft and Resume after a failure or cancel", () => {
    expect(availableActions({ generationStatus: "draft", currentPhase: "explore", executionStatus: "not_started" }, counts).execute).toBe("Execute");
    expect(availableActions({ generationStatus: "failed", currentPhase: "design", executionStatus: "not_started" }, counts).execute).toBe("Resume");
    expect(availableActions({ generationStatus: "cancelled", currentPhase: "design", executionStatus: "not_started" }, counts).execute).toBe("Resume");
    expect(availableActions({ generationStatus: "running", currentPhase: "design", executionStatus: "not_started" }, counts).execute).toBeNull();
  });

  it("offers approval of the waiting gate, cancel and request changes while waiting", () => {
    const actions = availableActions(
      { generationStatus: "awaiting_approval", currentPhase: "tasks", executionStatus: "not_started" },
      { ...counts, redoableCount: 3 },
    );
    expect(actions).toMatchObject({ approve: "design", cancel: true, requestChanges: true, executeTasks: false });
  });

  it("never offers changes while running or once tickets exist, nor Execute tasks while they run", () => {
    expect(availableActions({ generationStatus: "running", currentPhase: "design", executionStatus: "not_started" }, { ...counts, redoableCount: 2 }).requestChanges).toBe(false);
    const done = { generationStatus: "completed", currentPhase: "complete", executionStatus: "running" } as const;
    expect(availableActions(done, { taskCount: 4, ticketCount: 4, redoableCount: 4, activity: idle })).toMatchObject({ requestChanges: false, executeTasks: false, cancel: false });
    expect(availableActions({ ...done, executionStatus: "not_started" }, { taskCount: 4, ticketCount: 0, redoableCount: 4, activity: idle }).executeTasks).toBe(true);
    expect(availableActions({ ...done, executionStatus: "completed" }, { taskCount: 4, ticketCount: 4, redoableCount: 4, activity: idle }).executeTasks).toBe(false);
  });

  it("offers Stop all agents while the planning agent or a ticket's task is at work, and Cancel instead only while it waits", () => {
    const planning = { generationStatus: "running", currentPhase: "design", executionStatus: "not_started" } as const;
    expect(availableActions(planning, { ...counts, activity: { ...idle, isPlanning: true } })).toMatchObject({ stop: true, cancel: false });
    const building = { generationStatus: "completed", currentPhase: "complete", executionStatus: "running" } as const;
    expect(availableActions(building, { ...counts, activity: { isPlanning: false, build: { queued: 2, running: 0 } } }).stop).toBe(true);
    expect(availableActions(building, { ...counts, activity: { isPlanning: false, build: { queued: 0, running: 1 } } }).stop).toBe(true);
    expect(availableActions(building, counts).stop).toBe(false);
    expect(availableActions({ ...planning, generationStatus: "awaiting_approval" }, counts)).toMatchObject({ stop: false, cancel: true });
  });
});

describe("formatting", () => {
  it("formats cost and relative time", () => {
    expect(formatUsd(0.12345)).toBe("$0.1235");
    expect(formatUsd(123.456)).toBe("$123.46");
    const now = Date.parse("2026-01-02T12:00:00Z");
    expect(formatRelative("2026-01-02T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-01-02T11:59:50Z", now)).toBe("just now");
    expect(isSpecLive({ generationStatus: "completed", executionStatus: "running" })).toBe(true);
    expect(isSpecLive({ generationStatus: "awaiting_approval", executionStatus: "not_started" })).toBe(false);
  });
});
