import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { requireSpecForMember } from "@/lib/specs/require-spec-for-member";
import { startSpec } from "@/lib/specs/spec-state";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** Starts or resumes a spec that is not running (draft, failed, cancelled) from its first incomplete phase. */
export async function executeSpec({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  const member = await requireSpecForMember({ userId, specId });
  await assertOrgBudgetLeft(member.projectId);
  return toSpecDto(await db.$transaction((tx) => startSpec(tx, specId)));
}
