import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { startSpec } from "@/lib/specs/spec-state";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** Starts or resumes a spec that is not running (draft, failed, cancelled) from its first incomplete phase. */
export async function executeSpec({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  const member = await getSpecForMemberOrThrow({ userId, specId });
  await assertOrgBudgetLeft(member.projectId);
  return toSpecDto(await db.$transaction((tx) => startSpec(tx, specId)));
}
