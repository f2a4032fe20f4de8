import { db } from "@/lib/db/client";
import { createSpec } from "@/lib/specs/create-spec";
import type { LaunchSpecInput } from "@/lib/specs/spec-schemas";

/**
 * The command palette's "new spec from an idea": a spec titled from the prompt, its sandbox queued. `sandboxId` is
 * the live sandbox if a worker already started one (usually null at this instant; the spec page shows it).
 */
export async function launchSpec({ userId, input }: { userId: string; input: LaunchSpecInput }) {
  const spec = await createSpec({
    userId,
    input: { projectId: input.projectId, description: input.prompt, approvalMode: input.approvalMode, autoExecute: input.autoExecute },
  });
  const sandbox = await db.sandbox.findFirst({ where: { specId: spec.id, status: { in: ["creating", "running"] } }, select: { id: true } });
  return { specId: spec.id, status: spec.generationStatus, currentPhase: spec.currentPhase, sandboxId: sandbox?.id ?? null, spec };
}
