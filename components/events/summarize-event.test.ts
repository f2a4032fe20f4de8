import { describe, expect, it } from "vitest";
import type { StoredEventDto } from "@/lib/events/list-events";
import { categorizeEvent, isAnnouncedEvent } from "./event-categories";
import { summarizeEvent } from "./summarize-event";

const event = (type: string, data: unknown): StoredEventDto => ({
  seq: 1,
  type,
  source: "agent",
  sandboxId: null,
  taskId: null,
  data,
  createdAt: "2026-01-02T10:41:03Z",
});

describe("summarizeEvent", () => {
  it("writes one line per phase event, with scores and attempts", () => {
    expect(summarizeEvent(event("spec.phase_started", { phase: "design", attempt: 2 }))).toEqual({ text: "Design started (attempt 2)", tone: "info" });
    expect(summarizeEvent(event("spec.phase_completed", { phase: "requirements", attempt: 1, score: 0.917 }))).toEqual({
      text: "Requirements passed · score 0.92",
      tone: "success",
    });
    expect(summarizeEvent(event("spec.phase_failed", { phase: "tasks", reason: "3 attempts", issues: ["TSK-001 has no criteria"] })).tone).toBe("error");
    expect(summarizeEvent(event("spec.phase_retry", { phase: "design", attempt: 2, maxAttempts: 3, issues: ["components: name them"] })).text).toBe(
      "Design retry 2/3 · 1 issue: components: name them",
    );
  });

  it("summarizes evaluations with their issues", () => {
    const summary = summarizeEvent(
      event("spec.eval_result", { phase: "design", attempt: 1, score: 0.5, passed: false, subScores: {}, issues: ["a", "b"], warnings: ["w"] }),
    );
    expect(summary).toEqual({ text: "Design evaluated: rejected · 0.50 · 2 issues, 1 warning — a", tone: "warning" });
  });

  it("covers tools, tasks, sandboxes and errors", () => {
    expect(summarizeEvent(event("agent.tool_use", { turn: 3, toolUseId: "x", tool: "read_file", summary: "lib/a.ts" })).text).toBe("read_file lib/a.ts");
    expect(summarizeEvent(event("agent.error", { turn: 3, message: "overloaded", retrying: true })).tone).toBe("warning");
    expect(summarizeEvent(event("agent.error", { turn: 3, message: "boom", retrying: false })).tone).toBe("error");
    expect(summarizeEvent(event("task.tests_finished", { command: "npm test", exitCode: 1, passed: false }))).toEqual({
      text: "Tests failed (exit 1): npm test",
      tone: "error",
    });
    expect(summarizeEvent(event("task.commit", { sha: "abcdef0123456", message: "Add theme\n\nbody" })).text).toBe("Commit abcdef0: Add theme");
    expect(summarizeEvent(event("sandbox.lost", { reason: "no heartbeat", respawning: true, respawnCount: 1 })).text).toBe(
      "Sandbox lost: no heartbeat — respawning (1)",
    );
    expect(summarizeEvent(event("agent.message", { turn: 1, text: "\nFirst line\nsecond" })).text).toBe("Agent: First line");
  });

  it("summarizes model calls and unknown types without failing", () => {
    expect(summarizeEvent(event("agent.model_call", { model: "claude", tokensIn: 1200, tokensOut: 34 })).text).toBe("Model call claude · 1,200 in / 34 out tokens");
    expect(summarizeEvent(event("made.up", null)).text).toBe("made.up");
    expect(summarizeEvent(event("worker.error", { message: "disk full" }))).toEqual({ text: "worker.error: disk full", tone: "error" });
    // Data that no longer matches its schema still gets a line.
    expect(summarizeEvent(event("spec.phase_started", { phase: 42 })).text).toBe("spec.phase_started");
  });

  it("clips long lines", () => {
    expect(summarizeEvent(event("task.failed", { reason: "x".repeat(1000) })).text.length).toBeLessThanOrEqual(240);
  });
});

describe("categorizeEvent", () => {
  it("sorts types into the filter's categories", () => {
    expect(categorizeEvent("spec.phase_started")).toBe("phase");
    expect(categorizeEvent("spec.phase_failed")).toBe("error");
    expect(categorizeEvent("spec.eval_result")).toBe("eval");
    expect(categorizeEvent("spec.heartbeat")).toBe("heartbeat");
    expect(categorizeEvent("agent.tool_use")).toBe("tool");
    expect(categorizeEvent("agent.model_call")).toBe("model");
    expect(categorizeEvent("task.commit")).toBe("task");
    expect(categorizeEvent("sandbox.started")).toBe("sandbox");
    expect(categorizeEvent("sandbox.lost")).toBe("error");
    expect(categorizeEvent("something.else")).toBe("other");
  });

  it("announces phase changes but not routine events", () => {
    expect(isAnnouncedEvent("spec.phase_completed")).toBe(true);
    expect(isAnnouncedEvent("agent.tool_use")).toBe(false);
    expect(isAnnouncedEvent("spec.heartbeat")).toBe(false);
  });
});
