import { db } from "@/lib/db/client";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { cancelSpecState } from "@/lib/specs/spec-state";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/**
 * Stops a spec's generation: the spec is cancelled first (so nothing re-spawns it), then its live sandbox ends —
 * its token is revoked at once (its next model call or event is refused, which stops the agent) and its process is
 * stopped. Checkpoints stay, so `execute` can resume later.
 */
export async function cancelSpec({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  await getSpecForMemberOrThrow({ userId, specId });
  await db.$transaction(async (tx) => {
    await cancelSpecState(tx, specId);
    await tx.phaseRun.updateMany({ where: { specId, status: "running" }, data: { status: "cancelled", endedAt: new Date() } });
  });
  const live = await db.sandbox.findMany({ where: { specId, purpose: "spec", status: { in: ["creating", "running"] } }, select: { id: true } });
  for (const sandbox of live) {
    await markSandboxLost({ sandboxId: sandbox.id, status: "stopped", countsAsCrash: false, reason: "the spec was cancelled" });
  }
  return toSpecDto(await db.spec.findUniqueOrThrow({ where: { id: specId } }));
}
