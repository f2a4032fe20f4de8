import { PHASE_MAX_ATTEMPTS, SPEC_PHASES, WORK_PHASES, type SpecPhaseName } from "@/lib/core/spec-phases";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** What the stepper needs of a PhaseRun (SpecDetail["phaseRuns"] items fit). */
export interface PhaseRunLike {
  phase: string;
  attempt: number;
  status: string;
  score: number | null;
  issues: unknown;
}

export type PhaseStateKind = "pending" | "running" | "retrying" | "passed" | "awaiting_approval" | "failed" | "cancelled";

export interface PhaseState {
  phase: SpecPhaseName;
  kind: PhaseStateKind;
  /** The state as the stepper prints it: "pending", "retrying 2/3", "passed · 0.92", "failed", … */
  label: string;
  score: number | null;
  /** The evaluator's latest issues: those that caused the retry, or those of the failed attempt. */
  issues: string[];
  /** Why the spec failed, on the phase it failed in. */
  reason: string | null;
  current: boolean;
}

type SpecLike = Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus" | "lastError">;

/** The phase whose output waits for a person: the one before where the agent stopped (requirements or design). */
export function approvalGate(spec: Pick<SpecDto, "generationStatus" | "currentPhase">): "requirements" | "design" | null {
  if (spec.generationStatus !== "awaiting_approval") return null;
  if (spec.currentPhase === "design") return "requirements";
  if (spec.currentPhase === "tasks") return "design";
  return null;
}

/**
 * One state per phase, in order, from the spec, its phase runs and the server's count of the agent's attempt at its
 * current phase (`SpecActivityDto.phaseAttempt`) — the very number the status line shows. The last step, complete,
 * follows the build once the plan is complete (building, done, build failed), so it never reads "passed" beside a
 * build that runs.
 */
export function derivePhaseStates(
  spec: SpecLike,
  phaseRuns: readonly PhaseRunLike[],
  { phaseAttempt = null, isBuildStopped = false }: { phaseAttempt?: number | null; isBuildStopped?: boolean } = {},
): PhaseState[] {
  const gate = approvalGate(spec);
  const currentPhase = gate ?? spec.currentPhase;
  const isBuilding = spec.generationStatus === "completed" && spec.executionStatus === "running";
  return SPEC_PHASES.map((phase): PhaseState => {
    const base = { phase, score: null, issues: [] as string[], reason: null, current: phase === currentPhase && spec.generationStatus !== "completed" };
    if (phase === "complete") return completeState(spec, { ...base, current: isBuilding }, isBuildStopped);
    const runs = phaseRuns.filter((run) => run.phase === phase).sort((a, b) => a.attempt - b.attempt);
    const latest = runs.at(-1);
    const isAgentHere = spec.generationStatus === "running" && spec.currentPhase === phase;

    if (!latest || latest.status === "superseded") {
      // The agent has moved here but not yet opened the phase's first run (its sandbox is starting).
      return isAgentHere ? { ...base, kind: "running", label: "running" } : { ...base, kind: "pending", label: "pending" };
    }
    switch (latest.status) {
      case "running": {
        const attempt = isAgentHere ? phaseAttempt : null;
        if (attempt !== null && attempt > 1) {
          const previous = runs[runs.length - 2];
          return { ...base, kind: "retrying", label: `retrying ${attempt}/${PHASE_MAX_ATTEMPTS}`, issues: issuesOf(previous?.issues) };
        }
        return { ...base, kind: "running", label: "running" };
      }
      case "passed": {
        const label = latest.score === null ? "passed" : `passed · ${latest.score.toFixed(2)}`;
        if (gate === phase) return { ...base, kind: "awaiting_approval", label: `${label} · awaiting approval`, score: latest.score };
        return { ...base, kind: "passed", label, score: latest.score };
      }
      case "failed": {
        const reason = spec.generationStatus === "failed" && spec.currentPhase === phase ? spec.lastError : null;
        return { ...base, kind: "failed", label: "failed", score: latest.score, issues: issuesOf(latest.issues), reason };
      }
      default:
        return { ...base, kind: "cancelled", label: "cancelled" };
    }
  });
}

/**
 * The end of the line: pending while planning, then the build's state (its reason is the status line's); a build
 * whose agents were all stopped is "stopped", not "building".
 */
function completeState(spec: SpecLike, base: Omit<PhaseState, "kind" | "label">, isBuildStopped: boolean): PhaseState {
  if (spec.generationStatus !== "completed") return { ...base, kind: "pending", label: "pending" };
  switch (spec.executionStatus) {
    case "running":
      return isBuildStopped ? { ...base, kind: "cancelled", label: "stopped" } : { ...base, kind: "running", label: "building" };
    case "failed":
      return { ...base, kind: "failed", label: "build failed" };
    case "completed":
      return { ...base, kind: "passed", label: "done" };
    case "not_started":
      return { ...base, kind: "passed", label: "planned" };
  }
}

/** Phases a reviewer can send back (passed, and not SYNC, which the API does not redo). */
export function redoablePhases(phaseRuns: readonly PhaseRunLike[]): ("explore" | "requirements" | "design" | "tasks")[] {
  return WORK_PHASES.filter(
    (phase): phase is "explore" | "requirements" | "design" | "tasks" =>
      phase !== "sync" && phaseRuns.some((run) => run.phase === phase && run.status === "passed"),
  );
}

/** Issues are stored as JSON; anything but a list of strings shows as none. */
export function issuesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
