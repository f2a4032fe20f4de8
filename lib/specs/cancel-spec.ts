import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import { requireSpecForMember } from "@/lib/specs/require-spec-for-member";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/**
 * Stops a spec's generation: the spec is cancelled first (so nothing re-spawns it), then its live sandbox ends —
 * its token is revoked at once (its next model call or event is refused, which stops the agent) and its process is
 * stopped. Checkpoints stay, so `execute` can resume later.
 */
export async function cancelSpec({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  await requireSpecForMember({ userId, specId });
  const { count } = await db.spec.updateMany({
    where: { id: specId, generationStatus: { in: ["running", "awaiting_approval", "draft"] } },
    data: { generationStatus: "cancelled", lastError: "Cancelled" },
  });
  if (count === 0) throw new AppError("conflict", "Only a running, waiting or draft spec can be cancelled");
  await db.phaseRun.updateMany({ where: { specId, status: "running" }, data: { status: "cancelled", endedAt: new Date() } });
  const live = await db.sandbox.findMany({ where: { specId, purpose: "spec", status: { in: ["creating", "running"] } }, select: { id: true } });
  for (const sandbox of live) {
    await markSandboxLost({ sandboxId: sandbox.id, status: "stopped", countsAsCrash: false, reason: "the spec was cancelled" });
  }
  return toSpecDto(await db.spec.findUniqueOrThrow({ where: { id: specId } }));
}
