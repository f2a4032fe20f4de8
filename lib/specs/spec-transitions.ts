import {
  APPROVAL_GATES,
  GATED_PHASES,
  PROGRESS_AFTER,
  progressBefore,
  SPEC_PHASES,
  WORK_PHASES,
  type ApprovalGate,
  type ExecutionStatus,
  type GatedPhase,
  type GenerationStatus,
  type SpecPhaseName,
  type WorkPhase,
} from "@/lib/core/spec-phases";

/** The part of a spec the state machine decides: planning (generation × phase) and building (execution). */
export interface SpecStateFields {
  generationStatus: GenerationStatus;
  currentPhase: SpecPhaseName;
  executionStatus: ExecutionStatus;
}

/** What can happen to a spec. Each is one row of the table below. */
export type SpecTransition =
  /** A person starts or resumes planning (execute), or the spec is created running. */
  | { type: "start" }
  /** The worker starts the agent at the first phase without a checkpoint. */
  | { type: "resume_at"; phase: WorkPhase }
  /**
   * The agent reports it began a phase. Only the phase the server put the spec at counts: the server moves a spec
   * (a passed checkpoint, a resume), an agent never does — neither back (a late event) nor ahead (skipping gates).
   */
  | { type: "enter_phase"; phase: WorkPhase }
  /** A phase's output passed the server's gate; manual mode may stop at an approval gate. */
  | { type: "pass_phase"; phase: GatedPhase; waitsForApproval: boolean }
  /** SYNC (the server's) made the plan's tickets: planning is over, building starts when there is something to build. */
  | { type: "complete_generation"; hasTickets: boolean }
  | { type: "approve"; gate: ApprovalGate }
  /** A reviewer sends a passed phase back with feedback; it and everything after it are redone. */
  | { type: "request_changes"; phase: GatedPhase }
  | { type: "fail" }
  | { type: "cancel" }
  /** A spec made from files got requirements, design and tasks: its plan is complete without an agent. */
  | { type: "complete_draft" }
  /** Tickets were queued by a person (Execute tasks) or a failed one re-run. */
  | { type: "start_execution" }
  /** A ticket failed for good: the spec's build is failed until it is re-run. */
  | { type: "fail_execution" }
  /** Every ticket is done. */
  | { type: "complete_execution" };

export type TransitionDecision =
  | { ok: true; changes: Partial<SpecStateFields> & { progress?: number } }
  | { ok: false; reason: string };

const refuse = (reason: string): TransitionDecision => ({ ok: false, reason });
const describe = (status: GenerationStatus) => status.replace("_", " ");
const isAfter = (a: SpecPhaseName, b: SpecPhaseName) => SPEC_PHASES.indexOf(a) > SPEC_PHASES.indexOf(b);

/**
 * The spec's transition table, as one pure function: given the current state and what happened, either the fields
 * that change or why it is refused. Every writer of a spec's state goes through `spec-state.ts`, which applies this
 * to the locked row, so the rules live here and only here.
 */
export function decideSpecTransition(state: SpecStateFields, transition: SpecTransition): TransitionDecision {
  const { generationStatus: gen, currentPhase: phase, executionStatus: exec } = state;
  switch (transition.type) {
    case "start":
      if (gen === "running") return refuse("The spec is already running");
      if (gen === "awaiting_approval") return refuse("The spec waits for approval; approve it or request changes");
      if (gen === "completed") return refuse("The spec is complete; request changes to a phase to redo it");
      return { ok: true, changes: { generationStatus: "running" } };
    case "resume_at":
      if (gen !== "running") return refuse(`The spec is ${describe(gen)}, not running`);
      return { ok: true, changes: { currentPhase: transition.phase } };
    case "enter_phase":
      if (gen !== "running") return refuse(`The spec is ${describe(gen)}, not running`);
      if (phase !== transition.phase) {
        return refuse(isAfter(phase, transition.phase) ? `The spec is already at ${phase}, past ${transition.phase}` : `The spec is at ${phase}; an agent cannot move it ahead to ${transition.phase}`);
      }
      return { ok: true, changes: {} };
    case "pass_phase": {
      if (gen !== "running") return refuse(`The spec is ${describe(gen)}; checkpoints are not accepted`);
      if (phase !== transition.phase) return refuse(`The spec is at ${phase}, not ${transition.phase}`);
      const gate = transition.phase as ApprovalGate;
      if (transition.waitsForApproval && !(gate in APPROVAL_GATES)) return refuse(`${transition.phase} has no approval gate`);
      const next = WORK_PHASES[WORK_PHASES.indexOf(transition.phase) + 1]!;
      return {
        ok: true,
        changes: { currentPhase: next, generationStatus: transition.waitsForApproval ? "awaiting_approval" : "running", progress: PROGRESS_AFTER[transition.phase] },
      };
    }
    case "complete_generation":
      if (gen !== "running" || phase !== "sync") return refuse(`Only a running spec at sync completes its plan (it is ${describe(gen)} at ${phase})`);
      return {
        ok: true,
        changes: { generationStatus: "completed", currentPhase: "complete", executionStatus: transition.hasTickets ? "running" : "completed", progress: PROGRESS_AFTER.sync },
      };
    case "approve":
      if (gen !== "awaiting_approval" || phase !== APPROVAL_GATES[transition.gate]) return refuse(`The spec is not waiting for approval of its ${transition.gate}`);
      return { ok: true, changes: { generationStatus: "running" } };
    case "request_changes":
      if (gen === "running") return refuse("The agent is working on this spec; cancel it or wait for it to stop");
      if (gen === "draft") return refuse("A draft spec has no phase output to change");
      if (!GATED_PHASES.includes(transition.phase)) return refuse(`${transition.phase} is not a phase with an output`);
      if (exec === "running" || exec === "failed") return refuse("Tickets were already created from this spec's tasks");
      return { ok: true, changes: { generationStatus: "running", currentPhase: transition.phase, progress: progressBefore(transition.phase) } };
    case "fail":
      if (gen !== "running") return refuse(`The spec is ${describe(gen)}, not running`);
      return { ok: true, changes: { generationStatus: "failed" } };
    case "cancel":
      if (gen !== "running" && gen !== "awaiting_approval" && gen !== "draft") return refuse("Only a running, waiting or draft spec can be cancelled");
      return { ok: true, changes: { generationStatus: "cancelled" } };
    case "complete_draft":
      if (gen !== "draft") return refuse(`The spec is ${describe(gen)}, not a draft`);
      return { ok: true, changes: { generationStatus: "completed", currentPhase: "complete" } };
    case "start_execution":
      if (exec === "running") return refuse("The spec's tickets are already running");
      return { ok: true, changes: { executionStatus: "running" } };
    case "fail_execution":
      if (exec !== "running") return refuse(`The spec's build is ${exec.replace("_", " ")}, not running`);
      return { ok: true, changes: { executionStatus: "failed" } };
    case "complete_execution":
      if (exec === "completed") return refuse("The spec's build is already complete");
      return { ok: true, changes: { executionStatus: "completed", progress: 100 } };
  }
}
