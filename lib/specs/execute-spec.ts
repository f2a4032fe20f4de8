import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { requireSpecForMember } from "@/lib/specs/require-spec-for-member";
import { startSpecRun } from "@/lib/specs/start-spec-run";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** Starts or resumes a spec that is not running (draft, failed, cancelled) from its first incomplete phase. */
export async function executeSpec({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  const member = await requireSpecForMember({ userId, specId });
  await assertOrgBudgetLeft(member.projectId);
  return db.$transaction(async (tx) => {
    const [spec] = await tx.$queryRaw<{ generationStatus: string }[]>`SELECT "generationStatus"::text FROM "Spec" WHERE id = ${specId} FOR UPDATE`;
    if (spec?.generationStatus === "running") throw new AppError("conflict", "The spec is already running");
    if (spec?.generationStatus === "awaiting_approval") throw new AppError("conflict", "The spec waits for approval; approve it or request changes");
    if (spec?.generationStatus === "completed") throw new AppError("conflict", "The spec is complete; request changes to a phase to redo it");
    const updated = await tx.spec.update({
      where: { id: specId },
      data: { generationStatus: "running", lastError: null, respawnCount: 0, startedAt: new Date() },
    });
    await startSpecRun(tx, specId, "execute");
    return toSpecDto(updated);
  });
}
