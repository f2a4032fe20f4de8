import { describe, expect, it } from "vitest";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { approvalGate, derivePhaseStates, redoablePhases, type PhaseRunLike } from "./phase-states";

type SpecLike = Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus" | "lastError">;
const spec = (overrides: Partial<SpecLike> = {}): SpecLike => ({ generationStatus: "running", currentPhase: "explore", executionStatus: "not_started", lastError: null, ...overrides });
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

  it("shows running, passed with score, and a retry (the server's count of the agent's attempt) with the evaluator's issues", () => {
    const runs = [run("explore", 1, "passed", 0.917), run("requirements", 1, "failed", 0.4, ["REQ-A-001: needs criteria"]), run("requirements", 2, "running")];
    const states = derivePhaseStates(spec({ currentPhase: "requirements" }), runs, { phaseAttempt: 2 });
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

  it("counts a redo after request-changes, or a resumed agent, from one again", () => {
    const states = derivePhaseStates(spec({ currentPhase: "requirements" }), [run("requirements", 1, "superseded", 0.8), run("requirements", 2, "running")], { phaseAttempt: 1 });
    expect(labels(states).requirements).toBe("running");
    // Three failed attempts of an earlier sandbox, then Resume: the new agent is on its first attempt, not a fourth.
    const resumed = [1, 2, 3].map((n) => run("design", n, "failed")).concat(run("design", 4, "running"));
    expect(labels(derivePhaseStates(spec({ currentPhase: "design" }), resumed, { phaseAttempt: 1 })).design).toBe("running");
  });

  it("ends with the build once the plan is complete: planned, building (current), done or build failed", () => {
    const done = { generationStatus: "completed", currentPhase: "complete" } as const;
    const planned = derivePhaseStates(spec({ ...done, executionStatus: "not_started" }), [run("sync", 1, "passed", 1)]);
    expect(labels(planned)).toMatchObject({ sync: "passed · 1.00", complete: "planned" });
    expect(planned.some((s) => s.current)).toBe(false);
    const building = derivePhaseStates(spec({ ...done, executionStatus: "running" }), []);
    expect(building.find((s) => s.phase === "complete")).toMatchObject({ kind: "running", label: "building", current: true });
    expect(labels(derivePhaseStates(spec({ ...done, executionStatus: "completed" }), [])).complete).toBe("done");
    expect(derivePhaseStates(spec({ ...done, executionStatus: "running" }), [], { isBuildStopped: true }).find((s) => s.phase === "complete")).toMatchObject({
      kind: "cancelled",
      label: "stopped",
      current: true,
    });
    expect(derivePhaseStates(spec({ ...done, executionStatus: "failed" }), []).find((s) => s.phase === "complete")).toMatchObject({ kind: "failed", label: "build failed" });
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
