import type { SpecExecutionStatus, SpecGenerationStatus, SpecPhase } from "@/lib/generated/prisma/enums";

// The one declaration of a spec's phases, statuses and gate limits. Browser-safe (no imports but types), so the
// engine in the sandbox, the server and the UI read the same values. The `satisfies` clauses tie each list to
// Prisma's enum both ways: a phase or status added to the schema and not here (or the reverse) fails the type-check.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export const SPEC_PHASES = ["explore", "requirements", "design", "tasks", "sync", "complete"] as const;
export type PhasesMatchSchema = Assert<Same<(typeof SPEC_PHASES)[number], SpecPhase>>;
export type SpecPhaseName = (typeof SPEC_PHASES)[number];

/** The phases a spec works through, in order (`complete` is where it ends, not a phase to run). */
export const WORK_PHASES = ["explore", "requirements", "design", "tasks", "sync"] as const satisfies readonly SpecPhaseName[];
export type WorkPhase = (typeof WORK_PHASES)[number];

/** The phases an agent produces and a gate judges. SYNC is the server's: code, not a model call. */
export const GATED_PHASES = ["explore", "requirements", "design", "tasks"] as const satisfies readonly WorkPhase[];
export type GatedPhase = (typeof GATED_PHASES)[number];

/** The phases a person approves in manual mode, and the phase the spec waits at for each. */
export const APPROVAL_GATES = { requirements: "design", design: "tasks" } as const satisfies Partial<Record<GatedPhase, SpecPhaseName>>;
export type ApprovalGate = keyof typeof APPROVAL_GATES;

export const GENERATION_STATUSES = ["draft", "running", "awaiting_approval", "failed", "completed", "cancelled"] as const;
export type GenerationStatusesMatchSchema = Assert<Same<(typeof GENERATION_STATUSES)[number], SpecGenerationStatus>>;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

export const EXECUTION_STATUSES = ["not_started", "running", "completed", "failed"] as const;
export type ExecutionStatusesMatchSchema = Assert<Same<(typeof EXECUTION_STATUSES)[number], SpecExecutionStatus>>;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** A gate passes at this score or above, with no blocking issue. */
export const PASS_SCORE = 0.7;
/** Submissions of one phase the gate judges before the phase fails (the first and two retries). */
export const PHASE_MAX_ATTEMPTS = 3;

/** The spec's planning progress once a phase has passed (SYNC ends planning at 100). */
export const PROGRESS_AFTER: Record<WorkPhase, number> = { explore: 15, requirements: 35, design: 55, tasks: 75, sync: 100 };
/** The progress of a spec about to (re)do `phase`: what the phases before it earned. */
export const progressBefore = (phase: WorkPhase): number => {
  const index = WORK_PHASES.indexOf(phase);
  return index === 0 ? 0 : PROGRESS_AFTER[WORK_PHASES[index - 1]!];
};
