import { describe, expect, it } from "vitest";
import { EXECUTION_STATUSES, GATED_PHASES, GENERATION_STATUSES, SPEC_PHASES, WORK_PHASES, type SpecPhaseName } from "@/lib/core/spec-phases";
import { decideSpecTransition, type SpecStateFields, type SpecTransition } from "@/lib/specs/spec-transitions";

// Every state the three columns can hold (6 × 6 × 4), and every transition with every argument it takes.
const STATES: SpecStateFields[] = GENERATION_STATUSES.flatMap((generationStatus) =>
  SPEC_PHASES.flatMap((currentPhase) => EXECUTION_STATUSES.map((executionStatus) => ({ generationStatus, currentPhase, executionStatus }))),
);
const TRANSITIONS: SpecTransition[] = [
  { type: "start" },
  ...WORK_PHASES.map((phase) => ({ type: "resume_at" as const, phase })),
  ...WORK_PHASES.map((phase) => ({ type: "enter_phase" as const, phase })),
  ...GATED_PHASES.flatMap((phase) => [true, false].map((waitsForApproval) => ({ type: "pass_phase" as const, phase, waitsForApproval }))),
  { type: "complete_generation", hasTickets: true },
  { type: "complete_generation", hasTickets: false },
  { type: "approve", gate: "requirements" },
  { type: "approve", gate: "design" },
  ...GATED_PHASES.map((phase) => ({ type: "request_changes" as const, phase })),
  { type: "fail" },
  { type: "cancel" },
  { type: "complete_draft" },
  { type: "start_execution" },
  { type: "fail_execution" },
  { type: "complete_execution" },
];

const at = (p: SpecPhaseName) => SPEC_PHASES.indexOf(p);

/**
 * The rules written out a second time, as plain predicates over the state: when each transition is allowed and
 * what it leads to. The table in spec-transitions.ts must agree on all 144 states × 33 transitions.
 */
function expected(s: SpecStateFields, t: SpecTransition): Partial<SpecStateFields> | null {
  const running = s.generationStatus === "running";
  switch (t.type) {
    case "start":
      return ["draft", "failed", "cancelled"].includes(s.generationStatus) ? { generationStatus: "running" } : null;
    case "resume_at":
      return running ? { currentPhase: t.phase } : null;
    case "enter_phase":
      return running && t.phase === s.currentPhase ? {} : null;
    case "pass_phase":
      if (!running || s.currentPhase !== t.phase) return null;
      if (t.waitsForApproval && t.phase !== "requirements" && t.phase !== "design") return null;
      return { currentPhase: WORK_PHASES[at(t.phase) + 1], generationStatus: t.waitsForApproval ? "awaiting_approval" : "running" };
    case "complete_generation":
      return running && s.currentPhase === "sync" ? { generationStatus: "completed", currentPhase: "complete", executionStatus: t.hasTickets ? "running" : "completed" } : null;
    case "approve":
      return s.generationStatus === "awaiting_approval" && s.currentPhase === (t.gate === "requirements" ? "design" : "tasks") ? { generationStatus: "running" } : null;
    case "request_changes":
      return ["awaiting_approval", "failed", "cancelled", "completed"].includes(s.generationStatus) && ["not_started", "completed"].includes(s.executionStatus)
        ? { generationStatus: "running", currentPhase: t.phase }
        : null;
    case "fail":
      return running ? { generationStatus: "failed" } : null;
    case "cancel":
      return ["running", "awaiting_approval", "draft"].includes(s.generationStatus) ? { generationStatus: "cancelled" } : null;
    case "complete_draft":
      return s.generationStatus === "draft" ? { generationStatus: "completed", currentPhase: "complete" } : null;
    case "start_execution":
      return s.executionStatus !== "running" ? { executionStatus: "running" } : null;
    case "fail_execution":
      return s.executionStatus === "running" ? { executionStatus: "failed" } : null;
    case "complete_execution":
      return s.executionStatus !== "completed" ? { executionStatus: "completed" } : null;
  }
}

describe("the spec transition table", () => {
  it("allows exactly the transitions the rules allow, with the state they lead to, and refuses the rest with a reason", () => {
    let allowed = 0;
    let refused = 0;
    for (const state of STATES) {
      for (const transition of TRANSITIONS) {
        const decision = decideSpecTransition(state, transition);
        const want = expected(state, transition);
        const label = `${JSON.stringify(transition)} from ${JSON.stringify(state)}`;
        if (want === null) {
          expect(decision.ok, label).toBe(false);
          if (!decision.ok) expect(decision.reason.length, label).toBeGreaterThan(10);
          refused++;
        } else {
          expect(decision.ok, label).toBe(true);
          if (decision.ok) {
            const { progress: _, ...fields } = decision.changes;
            expect(fields, label).toEqual(want);
          }
          allowed++;
        }
      }
    }
    // The table is neither empty nor total: both kinds are exercised in numbers.
    expect(STATES.length * TRANSITIONS.length).toBe(144 * 33);
    expect(allowed).toBeGreaterThan(800);
    expect(refused).toBeGreaterThan(3000);
  });

  it("sets progress from the phase: what a passed phase earned, what a redone phase starts from, 100 when done", () => {
    const running = (currentPhase: SpecPhaseName): SpecStateFields => ({ generationStatus: "running", currentPhase, executionStatus: "not_started" });
    const progressOf = (s: SpecStateFields, t: SpecTransition) => {
      const d = decideSpecTransition(s, t);
      return d.ok ? d.changes.progress : "refused";
    };
    expect(progressOf(running("explore"), { type: "pass_phase", phase: "explore", waitsForApproval: false })).toBe(15);
    expect(progressOf(running("design"), { type: "pass_phase", phase: "design", waitsForApproval: true })).toBe(55);
    expect(progressOf(running("sync"), { type: "complete_generation", hasTickets: true })).toBe(100);
    const failed: SpecStateFields = { generationStatus: "failed", currentPhase: "tasks", executionStatus: "not_started" };
    expect(progressOf(failed, { type: "request_changes", phase: "explore" })).toBe(0);
    expect(progressOf(failed, { type: "request_changes", phase: "design" })).toBe(35);
    // Transitions that do not move planning leave progress alone.
    expect(progressOf(failed, { type: "start" })).toBeUndefined();
  });

  it("keeps a coherent spec coherent: completed exactly when at complete, waiting only at an approval gate", () => {
    const coherent = (s: SpecStateFields) =>
      (s.generationStatus === "completed") === (s.currentPhase === "complete") &&
      (s.generationStatus !== "awaiting_approval" || s.currentPhase === "design" || s.currentPhase === "tasks");
    const start = STATES.filter(coherent);
    expect(start.length).toBeGreaterThan(60);
    for (const state of start) {
      for (const transition of TRANSITIONS) {
        const d = decideSpecTransition(state, transition);
        if (d.ok) expect(coherent({ ...state, ...d.changes }), `${JSON.stringify(transition)} from ${JSON.stringify(state)}`).toBe(true);
      }
    }
  });
});
