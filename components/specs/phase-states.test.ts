import { describe, expect, it } from "vitest";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { approvalGate, derivePhaseStates, redoablePhases, type PhaseRunLike } from "./phase-states";

type SpecLike = Pick<SpecDto, "generationStatus" | "currentPhase" | "lastError">;
const spec = (overrides: Partial<SpecLike> = {}): SpecLike => ({ generationStatus: "running", currentPhase: "explore", lastError: null, ...overrides });
const run = (phase: string, attempt: number, status: string, score: number | null = null, issues: unknown = []): PhaseRunLike => ({
  phase,
  attempt,
  status,
  score,
  issues,
});
const labels = (states: ReturnType<typeof derivePhaseStates>) => Object.fromEntries(states.map((s) => [s.phase, s.label]));

describe("derivePhaseStates", () => {
  it("lists every phase in order, pending before anything ran", () => {
    const states = derivePhaseStates(spec({ generationStatus: "draft" }), []);
    expect(states.map((s) => s.phase)).toEqual(["explore", "requirements", "design", "tasks", "sync", "complete"]);
    expect(states.every((s) => s.label === "pending")).toBe(true);
  });

  it("shows running, passed with score, and a retry with the evaluator's issues", () => {
    const states = derivePhaseStates(spec({ currentPhase: "requirements" }), [
      run("explore", 1, "passed", 0.917),
      run("requirements", 1, "failed", 0.4, ["REQ-A-001: needs criteria"]),
      run("requirements", 2, "running"),
    ]);
    expect(labels(states)).toMatchObject({ explore: "passed · 0.92", requirements: "retrying 2/3", design: "pending" });
    const requirements = states.find((s) => s.phase === "requirements");
    expect(requirements?.issues).toEqual(["REQ-A-001: needs criteria"]);
    expect(requirements?.current).toBe(true);
  });

  it("shows the agent at a phase whose run has not opened yet as running", () => {
    expect(labels(derivePhaseStates(spec({ currentPhase: "design" }), [run("explore", 1, "passed", 0.9)])).design).toBe("running");
  });

  it("marks the gate waiting for approval", () => {
    const waiting = spec({ generationStatus: "awaiting_approval", currentPhase: "design" });
    expect(approvalGate(waiting)).toBe("requirements");
    const states = derivePhaseStates(waiting, [run("explore", 1, "passed", 0.9), run("requirements", 1, "passed", 0.85)]);
    const requirements = states.find((s) => s.phase === "requirements");
    expect(requirements).toMatchObject({ kind: "awaiting_approval", label: "passed · 0.85 · awaiting approval", current: true });
    expect(labels(states).design).toBe("pending");
    expect(approvalGate(spec({ generationStatus: "awaiting_approval", currentPhase: "tasks" }))).toBe("design");
    expect(approvalGate(spec())).toBeNull();
  });

  it("shows a failed phase with its issues and the spec's reason", () => {
    const states = derivePhaseStates(spec({ generationStatus: "failed", currentPhase: "design", lastError: "3 attempts failed" }), [
      run("design", 1, "failed", 0.3, ["a"]),
      run("design", 2, "failed", 0.3, ["b"]),
      run("design", 3, "failed", 0.5, ["components: name them", 42]),
    ]);
    expect(states.find((s) => s.phase === "design")).toMatchObject({ kind: "failed", label: "failed", issues: ["components: name them"], reason: "3 attempts failed" });
  });

  it("counts a redo after request-changes from one again", () => {
    const states = derivePhaseStates(spec({ currentPhase: "requirements" }), [run("requirements", 1, "superseded", 0.8), run("requirements", 2, "running")]);
    expect(labels(states).requirements).toBe("running");
  });

  it("marks complete once the spec is", () => {
    const states = derivePhaseStates(spec({ generationStatus: "completed", currentPhase: "complete" }), [run("sync", 1, "passed", 1)]);
    expect(labels(states)).toMatchObject({ sync: "passed · 1.00", complete: "passed" });
    expect(states.some((s) => s.current)).toBe(false);
  });

  it("shows a cancelled attempt", () => {
    expect(labels(derivePhaseStates(spec({ generationStatus: "cancelled", currentPhase: "design" }), [run("design", 1, "cancelled")])).design).toBe("cancelled");
  });
});

describe("redoablePhases", () => {
  it("offers the passed phases but never sync", () => {
    expect(redoablePhases([run("explore", 1, "passed"), run("requirements", 1, "failed"), run("sync", 1, "passed")])).toEqual(["explore"]);
  });
});
