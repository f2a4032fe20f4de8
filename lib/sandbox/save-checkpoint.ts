import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { SandboxCaller } from "@/lib/sandbox/authenticate-sandbox-token";
import type { CheckpointInput, CheckpointResult } from "@/lib/sandbox/sandbox-context-schema";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { enqueueDispatch } from "@/lib/tickets/enqueue-dispatch";
import { createTicketsFromSpec } from "@/lib/tickets/create-tickets-from-spec";
import { buildSyncPlan } from "@/lib/specs/build-sync-plan";
import { materializeDesign, materializeRequirements, materializeTasks } from "@/lib/specs/materialize-phase";
import { evaluatePhase, type GatedPhase } from "@/lib/specs/phases/evaluate-phase";
import { listPathsAtCommit, toRepoPath } from "@/lib/repos/list-paths-at-commit";
import { resolveSpecBaseCommit } from "@/lib/repos/resolve-spec-base-commit";
import { PROGRESS_AFTER } from "@/lib/specs/phases/phase-definitions";
import type { DesignOutput } from "@/lib/specs/phases/design-output";
import { requirementsOutputSchema, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import type { TasksOutput } from "@/lib/specs/phases/tasks-output";
import { pendingFeedbackSchema, SPEC_PHASES, WORK_PHASES, type SpecPhaseName } from "@/lib/specs/spec-schemas";

/**
 * Stores a phase output that passed its gate as the spec's checkpoint. The app runs the same gate again (a
 * sandbox cannot talk its way past it), then in one transaction: the phase's latest attempt becomes `passed`, its
 * rows are materialized (requirements, design, tasks; SYNC's plan), and the spec moves on — or waits for approval
 * after REQUIREMENTS and DESIGN in manual mode, which ends this sandbox's work. Storing the same checkpoint again is
 * harmless (idempotent retries).
 */
export async function saveCheckpoint(caller: SandboxCaller, phase: SpecPhaseName, input: CheckpointInput): Promise<CheckpointResult> {
  if (caller.purpose !== "spec" || !caller.specId) throw new AppError("forbidden", "Only a spec's sandbox stores phase checkpoints");
  if (!(WORK_PHASES as readonly string[]).includes(phase)) throw new AppError("validation_failed", `"${phase}" is not a phase with an output`);
  const specId = caller.specId;
  const next = SPEC_PHASES[SPEC_PHASES.indexOf(phase) + 1]!;

  // Who may store what is settled before any output is judged: judging is the expensive part, and a sandbox whose
  // spec moved on (or was cancelled) has no business making the server do it.
  await assertAcceptsCheckpoint(specId, phase);

  let judged: { output: unknown; score: number; subScores: Record<string, number>; warnings: string[] } | null = null;
  if (phase !== "sync") {
    const requirements = phase === "tasks" || phase === "design" ? await passedRequirements(specId) : undefined;
    const fileExists = phase === "explore" ? await keyFileChecker(specId) : undefined;
    const evaluation = evaluatePhase(phase as GatedPhase, input.output, { requirements, fileExists });
    if (!evaluation.passed) {
      throw new AppError("validation_failed", `The ${phase} output does not pass its gate (score ${evaluation.score})`, {
        issues: evaluation.issues,
        subScores: evaluation.subScores,
      });
    }
    // What is stored is the server's verdict on the server's parse: unknown fields stripped, the sandbox's own score
    // and sub-scores (which it could have made up) not taken.
    judged = { output: evaluation.output ?? input.output, score: evaluation.score, subScores: evaluation.subScores, warnings: evaluation.warnings };
  }
  const output = (judged?.output ?? input.output) as Record<string, unknown>;

  let ticketsCreated: { count: number; ticketIds: string[] } | null = null;
  const result = await db.$transaction(async (tx): Promise<CheckpointResult> => {
    const [spec] = await tx.$queryRaw<{ generationStatus: string; currentPhase: SpecPhaseName; approvalMode: string; requirementsApprovedAt: Date | null; designApprovedAt: Date | null; pendingFeedback: unknown }[]>`
      SELECT "generationStatus"::text, "currentPhase"::text AS "currentPhase", "approvalMode"::text, "requirementsApprovedAt", "designApprovedAt", "pendingFeedback"
      FROM "Spec" WHERE id = ${specId} FOR UPDATE`;
    if (!spec) throw new AppError("not_found", "This sandbox's spec no longer exists");

    const runs = await tx.phaseRun.findMany({ where: { specId, phase }, orderBy: { attempt: "desc" } });
    const running = runs.find((run) => run.status === "running");
    const latest = runs[0];
    if (!running && latest?.status === "passed" && SPEC_PHASES.indexOf(spec.currentPhase) > SPEC_PHASES.indexOf(phase)) {
      // A retried PUT of a checkpoint already stored.
      return { phaseRunId: latest.id, phase, nextPhase: spec.currentPhase, generationStatus: spec.generationStatus as CheckpointResult["generationStatus"] };
    }
    if (spec.generationStatus !== "running") throw new AppError("conflict", `The spec is ${spec.generationStatus.replace("_", " ")}; checkpoints are not accepted`);
    if (spec.currentPhase !== phase) throw new AppError("conflict", `The spec is at ${spec.currentPhase}, not ${phase}`);

    const fields = {
      status: "passed" as const,
      score: judged?.score ?? input.score,
      subScores: judged?.subScores ?? input.subScores,
      issues: [],
      warnings: judged?.warnings ?? input.warnings,
      output: output as object,
      durationMs: input.durationMs,
      endedAt: new Date(),
    };
    const run = running
      ? await tx.phaseRun.update({ where: { id: running.id }, data: fields, select: { id: true } })
      : await tx.phaseRun.create({ data: { specId, phase, attempt: (latest?.attempt ?? 0) + 1, ...fields }, select: { id: true } });

    if (phase === "requirements") await materializeRequirements(tx, specId, output as unknown as RequirementsOutput);
    if (phase === "design") await materializeDesign(tx, specId, output as unknown as DesignOutput);
    if (phase === "tasks") await materializeTasks(tx, specId, output as unknown as TasksOutput);

    const feedback = pendingFeedbackSchema.safeParse(spec.pendingFeedback);
    const clearFeedback = feedback.success && feedback.data.phase === phase ? { pendingFeedback: Prisma.DbNull } : {};
    if (phase === "sync") {
      const plan = await buildSyncPlan(tx, specId);
      // The plan becomes tickets on the board in the same transaction.
      const bridge = await createTicketsFromSpec(tx, { specId });
      ticketsCreated = { count: bridge.created.length, ticketIds: bridge.created.map((t) => t.ticketId) };
      await tx.spec.update({
        where: { id: specId },
        data: {
          syncPlan: plan as object,
          currentPhase: "complete",
          generationStatus: "completed",
          executionStatus: bridge.ticketIds.length > 0 ? "running" : "completed",
          progress: PROGRESS_AFTER.sync,
          completedAt: new Date(),
          lastError: null,
          ...clearFeedback,
        },
      });
      if (bridge.created.length > 0) await enqueueDispatch(tx);
      return { phaseRunId: run.id, phase, nextPhase: "complete" as const, generationStatus: "completed" as const };
    }

    const waitsForApproval =
      spec.approvalMode === "manual" &&
      ((phase === "requirements" && !spec.requirementsApprovedAt) || (phase === "design" && !spec.designApprovedAt));
    const generationStatus = waitsForApproval ? ("awaiting_approval" as const) : ("running" as const);
    await tx.spec.update({
      where: { id: specId },
      data: { currentPhase: next, progress: PROGRESS_AFTER[phase as GatedPhase], generationStatus, lastError: null, ...clearFeedback },
    });
    if (waitsForApproval) {
      // The agent stops here; approval starts a new sandbox at the next phase.
      await tx.sandbox.updateMany({ where: { id: caller.sandboxId, status: { in: ["creating", "running"] } }, data: { status: "stopped", endedAt: new Date() } });
    }
    return { phaseRunId: run.id, phase, nextPhase: next, generationStatus };
  });
  if (ticketsCreated) await appendWorkerEvent({ sandboxId: caller.sandboxId, specId, taskId: null }, "spec.tickets_created", ticketsCreated);
  return result;
}

/** Refuses before judging: the spec must be running at this phase (or this be a retry of the phase just stored). */
async function assertAcceptsCheckpoint(specId: string, phase: SpecPhaseName) {
  const spec = await db.spec.findUnique({ where: { id: specId }, select: { generationStatus: true, currentPhase: true } });
  if (!spec) throw new AppError("not_found", "This sandbox's spec no longer exists");
  const isRetryOfStored = SPEC_PHASES.indexOf(spec.currentPhase as SpecPhaseName) > SPEC_PHASES.indexOf(phase);
  if (isRetryOfStored) return;
  if (spec.generationStatus !== "running") throw new AppError("conflict", `The spec is ${spec.generationStatus.replace("_", " ")}; checkpoints are not accepted`);
  if (spec.currentPhase !== phase) throw new AppError("conflict", `The spec is at ${spec.currentPhase}, not ${phase}`);
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

