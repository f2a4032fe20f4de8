import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { SandboxCaller } from "@/lib/sandbox/authenticate-sandbox-token";
import type { CheckpointInput } from "@/lib/sandbox/sandbox-context-schema";
import { SPEC_PHASES, WORK_PHASES, type SpecPhaseName } from "@/lib/specs/spec-schemas";

/**
 * Stores a phase output that passed its gate as the spec's checkpoint: the PhaseRun of that attempt becomes
 * `passed` (created if the agent never reported it running) and the spec moves on to the next phase. A resumed
 * sandbox starts after the last checkpoint. Storing the same attempt again is harmless (idempotent retries).
 */
export async function saveCheckpoint(caller: SandboxCaller, phase: SpecPhaseName, input: CheckpointInput) {
  if (caller.purpose !== "spec" || !caller.specId) throw new AppError("forbidden", "Only a spec's sandbox stores phase checkpoints");
  if (!(WORK_PHASES as readonly string[]).includes(phase)) throw new AppError("validation_failed", `"${phase}" is not a phase with an output`);
  const next = SPEC_PHASES[SPEC_PHASES.indexOf(phase) + 1]!;
  const specId = caller.specId;
  const fields = {
    status: "passed" as const,
    score: input.score,
    subScores: input.subScores,
    issues: input.issues,
    warnings: input.warnings,
    output: input.output as object,
    durationMs: input.durationMs,
    endedAt: new Date(),
  };
  return db.$transaction(async (tx) => {
    const spec = await tx.spec.findUniqueOrThrow({ where: { id: specId }, select: { generationStatus: true } });
    if (spec.generationStatus !== "running") throw new AppError("conflict", `The spec is ${spec.generationStatus}; checkpoints are not accepted`);
    const run = await tx.phaseRun.upsert({
      where: { specId_phase_attempt: { specId, phase, attempt: input.attempt } },
      create: { specId, phase, attempt: input.attempt, ...fields },
      update: fields,
      select: { id: true },
    });
    await tx.spec.update({ where: { id: specId }, data: { currentPhase: next } });
    return { phaseRunId: run.id, phase, nextPhase: next };
  });
}
