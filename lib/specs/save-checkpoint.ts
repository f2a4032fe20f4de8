import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";
import type { CheckpointInput, CheckpointResult } from "@/lib/specs/sandbox-context-schema";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { materializeDesign, materializeRequirements, materializeTasks } from "@/lib/specs/materialize-phase";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { listPathsAtCommit, toRepoPath } from "@/lib/repos/list-paths-at-commit";
import { resolveSpecBaseCommit } from "@/lib/repos/resolve-spec-base-commit";
import type { DesignOutput } from "@/lib/specs/phases/design-output";
import { requirementsOutputSchema, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import type { TasksOutput } from "@/lib/specs/phases/tasks-output";
import { runSync, type SyncResult } from "@/lib/specs/run-sync";
import { GATED_PHASES, SPEC_PHASES, type GatedPhase } from "@/lib/core/spec-phases";
import { decideSpecTransition } from "@/lib/specs/spec-transitions";
import { lockSpec, passPhase } from "@/lib/specs/spec-state";
import { pendingFeedbackSchema } from "@/lib/specs/spec-schemas";

/**
 * Stores a phase output that passed its gate as the spec's checkpoint. The app runs the same gate again (a
 * sandbox cannot talk its way past it) and stores its own parse of the output, never the submission; then in one
 * transaction: the phase's latest attempt becomes `passed`, its rows are materialized, and the spec moves on through
 * the state machine — or waits for approval after REQUIREMENTS and DESIGN in manual mode, which ends this sandbox's
 * work. A passed TASKS runs SYNC in the same transaction (plan, tickets, spec complete): no sandbox asks for it.
 * Storing the same checkpoint again is harmless (idempotent retries).
 */
export async function saveCheckpoint(caller: SandboxCaller, phase: GatedPhase, input: CheckpointInput): Promise<CheckpointResult> {
  if (caller.purpose !== "spec" || !caller.specId) throw new AppError("forbidden", "Only a spec's sandbox stores phase checkpoints");
  if (!GATED_PHASES.includes(phase)) throw new AppError("validation_failed", `"${phase}" is not a phase with an output`);
  const specId = caller.specId;

  // Who may store what is settled before any output is judged: judging is the expensive part, and a sandbox whose
  // spec moved on (or was cancelled) has no business making the server do it.
  await assertAcceptsCheckpoint(specId, phase);

  const requirements = phase === "tasks" || phase === "design" ? await passedRequirements(specId) : undefined;
  const fileExists = phase === "explore" ? await keyFileChecker(specId) : undefined;
  const { evaluation, output } = evaluatePhase(phase, input.output, { requirements, fileExists });
  if (!evaluation.passed || output === undefined) {
    throw new AppError("validation_failed", `The ${phase} output does not pass its gate (score ${evaluation.score})`, {
      issues: evaluation.issues,
      subScores: evaluation.subScores,
    });
  }

  let synced: SyncResult | null = null;
  const result = await db.$transaction(async (tx): Promise<CheckpointResult> => {
    const spec = await lockSpec(tx, specId);
    const runs = await tx.phaseRun.findMany({ where: { specId, phase }, orderBy: { attempt: "desc" } });
    const running = runs.find((run) => run.status === "running");
    const latest = runs[0];
    if (!running && latest?.status === "passed" && SPEC_PHASES.indexOf(spec.currentPhase) > SPEC_PHASES.indexOf(phase)) {
      // A retried PUT of a checkpoint already stored.
      return { phaseRunId: latest.id, phase, nextPhase: spec.currentPhase, generationStatus: spec.generationStatus };
    }

    // The server's verdict on the server's parse: the sandbox's own score and sub-scores (which it could have made
    // up) are not taken, and unknown fields never reach the rows.
    const fields = {
      status: "passed" as const,
      score: evaluation.score,
      subScores: evaluation.subScores,
      issues: [],
      warnings: evaluation.warnings,
      output: output as object,
      durationMs: input.durationMs,
      endedAt: new Date(),
    };
    const feedback = pendingFeedbackSchema.safeParse(spec.pendingFeedback);
    const clearFeedback = feedback.success && feedback.data.phase === phase ? { pendingFeedback: Prisma.DbNull } : {};
    const { spec: moved, waitsForApproval } = await passPhase(tx, specId, phase, clearFeedback);
    const run = running
      ? await tx.phaseRun.update({ where: { id: running.id }, data: fields, select: { id: true } })
      : await tx.phaseRun.create({ data: { specId, phase, attempt: (latest?.attempt ?? 0) + 1, ...fields }, select: { id: true } });

    if (phase === "requirements") await materializeRequirements(tx, specId, output as RequirementsOutput);
    if (phase === "design") await materializeDesign(tx, specId, output as DesignOutput);
    if (phase === "tasks") {
      await materializeTasks(tx, specId, output as TasksOutput);
      synced = await runSync(tx, specId);
      return { phaseRunId: run.id, phase, nextPhase: "complete", generationStatus: "completed" };
    }
    if (waitsForApproval) {
      // The agent stops here; approval starts a new sandbox at the next phase.
      await tx.sandbox.updateMany({ where: { id: caller.sandboxId, status: { in: ["creating", "running"] } }, data: { status: "stopped", endedAt: new Date() } });
    }
    return { phaseRunId: run.id, phase, nextPhase: moved.currentPhase, generationStatus: moved.generationStatus };
  });
  if (synced) await recordSync(caller.sandboxId, specId, synced);
  return result;
}

/** The timeline's record of the server's SYNC: the phase passed, and the tickets it made. */
export async function recordSync(sandboxId: string | null, specId: string, synced: SyncResult) {
  const scope = { sandboxId, specId, taskId: null };
  await appendWorkerEvent(scope, "spec.phase_completed", { phase: "sync", attempt: 1, score: 1 });
  if (synced.created.count > 0) await appendWorkerEvent(scope, "spec.tickets_created", synced.created);
}

/** Refuses before judging: the spec must be running at this phase (or this be a retry of the phase just stored). */
async function assertAcceptsCheckpoint(specId: string, phase: GatedPhase) {
  const spec = await db.spec.findUnique({ where: { id: specId }, select: { generationStatus: true, currentPhase: true, executionStatus: true } });
  if (!spec) throw new AppError("not_found", "This sandbox's spec no longer exists");
  const isRetryOfStored = SPEC_PHASES.indexOf(spec.currentPhase) > SPEC_PHASES.indexOf(phase);
  if (isRetryOfStored) return;
  const decision = decideSpecTransition(spec, { type: "pass_phase", phase, waitsForApproval: false });
  if (!decision.ok) throw new AppError("conflict", decision.reason);
}

/**
 * EXPLORE's key files, checked against the repository at the spec's base commit in the server's mirror — not against
 * the sandbox's workspace, which the sandbox controls. A project without a repository has no files to name.
 */
async function keyFileChecker(specId: string): Promise<(named: string) => boolean> {
  const base = await resolveSpecBaseCommit(specId);
  const paths = base ? await listPathsAtCommit(base.gitDir, base.commit) : new Set<string>();
  return (named) => {
    const p = toRepoPath(named);
    return p !== null && paths.has(p);
  };
}

async function passedRequirements(specId: string): Promise<RequirementsOutput | undefined> {
  const run = await db.phaseRun.findFirst({ where: { specId, phase: "requirements", status: "passed" }, orderBy: { attempt: "desc" }, select: { output: true } });
  const parsed = requirementsOutputSchema.safeParse(run?.output);
  return parsed.success ? parsed.data : undefined;
}

