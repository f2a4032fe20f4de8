import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";

export interface ReapOptions {
  /** Silence after which a live sandbox counts as lost. */
  heartbeatTimeoutSeconds: number;
  /** How long an ended sandbox's resources are kept before they are removed (its process may still be exiting). */
  cleanupGraceMs?: number;
}

export interface ReapResult {
  lost: string[];
  destroyed: string[];
}

/**
 * One pass of the reaper: live sandboxes silent for too long are marked lost (and their spec or task recovered);
 * ended sandboxes past the grace period have their workspace or remote sandbox removed. Run by the worker's
 * `reap_sandboxes` job (a graphile-worker cron item, lib/worker/plan-reaper-schedule), once per interval across all
 * workers — yet still safe if passes overlap: each sandbox is claimed by a conditional update or `SKIP LOCKED`.
 */
export async function reapSandboxes({ heartbeatTimeoutSeconds, cleanupGraceMs = 10_000 }: ReapOptions): Promise<ReapResult> {
  const cutoff = new Date(Date.now() - heartbeatTimeoutSeconds * 1000);
  const silent = await db.sandbox.findMany({
    where: { status: { in: ["creating", "running"] }, OR: [{ lastHeartbeatAt: { lt: cutoff } }, { lastHeartbeatAt: null, createdAt: { lt: cutoff } }] },
    select: { id: true, lastHeartbeatAt: true },
    take: 100,
  });
  const lost: string[] = [];
  for (const sandbox of silent) {
    const seconds = Math.round((Date.now() - (sandbox.lastHeartbeatAt?.getTime() ?? Date.now())) / 1000);
    if (await markSandboxLost({ sandboxId: sandbox.id, reason: `no sign of life for ${seconds} s (limit ${heartbeatTimeoutSeconds} s)` })) {
      lost.push(sandbox.id);
    }
  }

  // Remote sandboxes can be asked directly: a finished or crashed agent is noticed on this pass rather than after the
  // heartbeat timeout, and the call counts as activity for Daytona's auto-stop. (Local ones cannot: their process
  // may live on another machine; heartbeats and the spawning worker's exit handler cover them.)
  const remote = await db.sandbox.findMany({
    where: { provider: "daytona", status: "running", externalId: { not: null } },
    select: { id: true, externalId: true, workspacePath: true, logPath: true },
    take: 200,
  });
  for (const sandbox of remote) {
    const status = await getSandboxProvider("daytona")
      .status(refOf(sandbox)!)
      .catch(() => ({ state: "unknown" as const, exitCode: null }));
    if (status.state !== "exited") continue;
    const reason = `the agent process ended (exit code ${status.exitCode ?? "unknown"}) before reporting a result`;
    if (await markSandboxLost({ sandboxId: sandbox.id, reason, exitCode: status.exitCode ?? null })) lost.push(sandbox.id);
  }

  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Sandbox" SET "destroyedAt" = now(), "tokenRevokedAt" = COALESCE("tokenRevokedAt", now())
    WHERE id IN (
      SELECT id FROM "Sandbox"
      WHERE "endedAt" < ${new Date(Date.now() - cleanupGraceMs)} AND "destroyedAt" IS NULL
        AND status NOT IN ('creating', 'running')
        -- A task's accepted work is pushed from the workspace first (finish_task).
        AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."sandboxId" = "Sandbox".id AND t.status = 'running')
      ORDER BY "endedAt" LIMIT 20 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  const destroyed: string[] = [];
  for (const { id } of claimed) {
    const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id } });
    const ref = refOf(sandbox);
    try {
      if (ref) await getSandboxProvider(sandbox.provider).destroy(ref);
      destroyed.push(id);
    } catch (error) {
      // Try again on a later pass.
      await db.sandbox.update({ where: { id }, data: { destroyedAt: null } });
      log.warn("could not clean up a sandbox", { sandboxId: id, error: (error as Error).message });
    }
  }
  return { lost, destroyed };
}
