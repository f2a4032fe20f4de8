import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { failSpec, lockSpec, recordRespawn } from "@/lib/specs/spec-state";
import { startSpecRun } from "@/lib/specs/start-spec-run";

export type RecoveryDecision = { action: "respawn"; respawnCount: number } | { action: "failed"; respawnCount: number } | { action: "none" };

/**
 * What happens to a running spec whose sandbox ended without finishing: a new sandbox resumes it from its last
 * checkpoint, up to SANDBOX_MAX_RESPAWNS crashes; past that the spec fails with the reason. A shutdown of the
 * worker is not a crash (`countsAsCrash: false`). Specs no longer running (cancelled, failed, completed, waiting for
 * approval) are left alone. The caller records the decision as events.
 */
export async function recoverSpec({ specId, reason, countsAsCrash = true }: { specId: string; reason: string; countsAsCrash?: boolean }): Promise<RecoveryDecision> {
  return db.$transaction(async (tx): Promise<RecoveryDecision> => {
    const spec = await lockSpec(tx, specId).catch(() => null);
    if (!spec || spec.generationStatus !== "running") return { action: "none" };
    const max = getEnv().SANDBOX_MAX_RESPAWNS;
    if (countsAsCrash && spec.respawnCount >= max) {
      await failSpec(specId, `The agent's sandbox was lost ${spec.respawnCount + 1} times; last: ${reason}`, tx);
      return { action: "failed", respawnCount: spec.respawnCount };
    }
    const respawnCount = spec.respawnCount + (countsAsCrash ? 1 : 0);
    await recordRespawn(tx, specId, respawnCount);
    // A short, growing pause: a crash caused by the environment gets a moment to clear.
    const runAt = new Date(Date.now() + (countsAsCrash ? 1_000 * respawnCount : 0));
    await startSpecRun(tx, specId, `respawn: ${reason}`, runAt);
    return { action: "respawn", respawnCount };
  });
}
