import { db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { CreateSpecInput, SpecDto } from "@/lib/specs/spec-schemas";

export const spawnJobKey = (specId: string) => `spawn-spec:${specId}`;

/**
 * Turns an idea into a running spec: the spec row and the job that starts its sandbox are committed together, so
 * a spec is never left "running" with nothing to run it. The creator owns it (and the tickets it will produce).
 */
export async function createSpec({ userId, input }: { userId: string; input: CreateSpecInput }): Promise<SpecDto> {
  const project = await getProjectOrThrow({ userId, projectId: input.projectId });
  const title = input.title ?? firstLine(input.description);
  const spec = await db.$transaction(async (tx) => {
    const created = await tx.spec.create({
      data: {
        projectId: project.id,
        userId,
        title,
        description: input.description,
        approvalMode: input.approvalMode ?? project.approvalMode,
        autoExecute: project.autoExecuteTickets,
        budgetUsd: project.budgetUsd,
        generationStatus: "running",
        startedAt: new Date(),
      },
    });
    await enqueueJob("spawn_spec_sandbox", { specId: created.id, reason: "created" }, { jobKey: spawnJobKey(created.id) }, tx);
    return created;
  });
  return toSpecDto(spec);
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim()) ?? text;
  const trimmed = line.trim().replace(/^#+\s*/, "");
  return trimmed.length > 120 ? `${trimmed.slice(0, 117)}…` : trimmed;
}
