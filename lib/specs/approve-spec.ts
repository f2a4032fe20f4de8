import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import type { ApprovalGate } from "@/lib/core/spec-phases";
import { approveGate } from "@/lib/specs/spec-state";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** Approves the requirements or the design of a spec waiting at that gate; its agent resumes at the next phase. */
export async function approveSpec({ userId, specId, gate }: { userId: string; specId: string; gate: ApprovalGate }): Promise<SpecDto> {
  const member = await getSpecForMemberOrThrow({ userId, specId });
  await assertOrgBudgetLeft(member.projectId);
  return toSpecDto(await db.$transaction((tx) => approveGate(tx, specId, gate)));
}
