import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { assertModelConfigured } from "@/lib/llm/assert-model-configured";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import { createRunningSpec } from "@/lib/specs/spec-state";
import type { CreateSpecInput, SpecDto } from "@/lib/specs/spec-schemas";

/**
 * Turns an idea into a running spec: the spec row and the job that starts its sandbox are committed together, so
 * a spec is never left "running" with nothing to run it. The creator owns it (and the tickets it will produce).
 * Requests reach it through createAndLaunchSpec (lib/specs/launch-spec.ts), the one service behind POST /api/v1/specs
 * and its aliases.
 */
export async function createSpec({ userId, input }: { userId: string; input: CreateSpecInput }): Promise<SpecDto> {
  const project = await getProjectForMemberOrThrow({ userId, projectId: input.projectId });
  assertModelConfigured();
  await assertOrgBudgetLeft(project.id);
  const title = input.title ?? firstLine(input.description);
  const spec = await db.$transaction((tx) =>
    createRunningSpec(tx, {
      projectId: project.id,
      userId,
      title,
      description: input.description,
      approvalMode: input.approvalMode ?? project.approvalMode,
      reviewMode: input.reviewMode ?? project.reviewMode,
      autoExecute: input.autoExecute ?? project.autoExecuteTickets,
      budgetUsd: project.budgetUsd,
    }),
  );
  return toSpecDto(spec);
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim()) ?? text;
  const trimmed = line.trim().replace(/^#+\s*/, "");
  return trimmed.length > 120 ? `${trimmed.slice(0, 117)}…` : trimmed;
}
