import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { requireSpecForMember } from "@/lib/specs/require-spec-for-member";
import { startSpecRun } from "@/lib/specs/start-spec-run";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** Approves the requirements or the design of a spec waiting at that gate; its agent resumes at the next phase. */
export async function approveSpec({ userId, specId, gate }: { userId: string; specId: string; gate: "requirements" | "design" }): Promise<SpecDto> {
  const member = await requireSpecForMember({ userId, specId });
  await assertOrgBudgetLeft(member.projectId);
  return db.$transaction(async (tx) => {
    const [spec] = await tx.$queryRaw<{ generationStatus: string; currentPhase: string }[]>`
      SELECT "generationStatus"::text, "currentPhase"::text AS "currentPhase" FROM "Spec" WHERE id = ${specId} FOR UPDATE`;
    const waitingAt = gate === "requirements" ? "design" : "tasks";
    if (spec?.generationStatus !== "awaiting_approval" || spec.currentPhase !== waitingAt) {
      throw new AppError("conflict", `The spec is not waiting for approval of its ${gate}`);
    }
    const updated = await tx.spec.update({
      where: { id: specId },
      data: { generationStatus: "running", ...(gate === "requirements" ? { requirementsApprovedAt: new Date() } : { designApprovedAt: new Date() }) },
    });
    await startSpecRun(tx, specId, `${gate} approved`);
    return toSpecDto(updated);
  });
}
