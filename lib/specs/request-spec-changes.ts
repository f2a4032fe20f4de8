import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { PROGRESS_AFTER } from "@/lib/specs/phases/phase-definitions";
import { requireSpecForMember } from "@/lib/specs/require-spec-for-member";
import { startSpecRun } from "@/lib/specs/start-spec-run";
import { toSpecDto } from "@/lib/specs/spec-dto";
import { WORK_PHASES, type SpecDto } from "@/lib/specs/spec-schemas";

type RedoPhase = "explore" | "requirements" | "design" | "tasks";

/**
 * A reviewer asks for changes: the phase is redone with their feedback in its prompt, and everything after it is
 * invalidated — its passed runs superseded, its rows removed, approvals given after it withdrawn. Not while the
 * agent is working (409), and not once tickets exist for the spec's tasks.
 */
export async function requestSpecChanges(args: { userId: string; specId: string; phase: RedoPhase; feedback: string }): Promise<SpecDto> {
  const { specId, phase, feedback } = args;
  await requireSpecForMember({ userId: args.userId, specId });
  return db.$transaction(async (tx) => {
    const [spec] = await tx.$queryRaw<{ generationStatus: string }[]>`SELECT "generationStatus"::text FROM "Spec" WHERE id = ${specId} FOR UPDATE`;
    if (spec?.generationStatus === "running") throw new AppError("conflict", "The agent is working on this spec; cancel it or wait for it to stop");
    const passed = await tx.phaseRun.count({ where: { specId, phase, status: "passed" } });
    if (passed === 0) throw new AppError("conflict", `The ${phase} phase has not passed yet; there is nothing to change`);
    if ((await tx.ticket.count({ where: { specId } })) > 0) throw new AppError("conflict", "Tickets were already created from this spec's tasks");

    const from = WORK_PHASES.indexOf(phase);
    const invalidated = WORK_PHASES.slice(from);
    await tx.phaseRun.updateMany({ where: { specId, phase: { in: [...invalidated] }, status: "passed" }, data: { status: "superseded" } });
    if (from <= WORK_PHASES.indexOf("requirements")) await tx.specRequirement.deleteMany({ where: { specId } });
    if (from <= WORK_PHASES.indexOf("design")) await tx.specDesign.deleteMany({ where: { specId } });
    await tx.specTask.deleteMany({ where: { specId } });
    const before = from === 0 ? 0 : PROGRESS_AFTER[WORK_PHASES[from - 1] as RedoPhase];
    const updated = await tx.spec.update({
      where: { id: specId },
      data: {
        generationStatus: "running",
        currentPhase: phase,
        progress: before,
        pendingFeedback: { phase, feedback },
        syncPlan: Prisma.DbNull,
        completedAt: null,
        lastError: null,
        respawnCount: 0,
        ...(from <= WORK_PHASES.indexOf("requirements") ? { requirementsApprovedAt: null } : {}),
        ...(from <= WORK_PHASES.indexOf("design") ? { designApprovedAt: null } : {}),
      },
    });
    await startSpecRun(tx, specId, `changes requested to ${phase}`);
    return toSpecDto(updated);
  });
}
