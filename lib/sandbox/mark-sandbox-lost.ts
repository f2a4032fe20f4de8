import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { log } from "@/lib/log";
import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { recoverSpec } from "@/lib/specs/recover-spec";
import { finishIntegration } from "@/lib/sandbox/finish-integration";
import { recoverTask } from "@/lib/sandbox/recover-task";

export interface MarkSandboxLostOptions {
  sandboxId: string;
  reason: string;
  /** lost: went silent or died; failed: never got started; stopped: ended on purpose (e.g. worker shutdown). */
  status?: "lost" | "failed" | "stopped";
  /** A worker shutdown re-spawns without using up one of the spec's re-spawns. */
  countsAsCrash?: boolean;
  exitCode?: number | null;
}

/**
 * Ends a sandbox that is still marked live — exactly once, whoever notices first (the reaper, the process that saw
 * the agent exit, a failed start): the row is updated only while live, its token stops working, the agent is
 * stopped if it still runs, and its spec or task is recovered. Returns false when someone else already did it.
 */
export async function markSandboxLost({ sandboxId, reason, status = "lost", countsAsCrash = true, exitCode }: MarkSandboxLostOptions): Promise<boolean> {
  const now = new Date();
  const { count } = await db.sandbox.updateMany({
    where: { id: sandboxId, status: { in: ["creating", "running"] } },
    data: { status, endedAt: now, error: reason.slice(0, 4000), tokenRevokedAt: now, ...(exitCode !== undefined ? { exitCode } : {}) },
  });
  if (count === 0) return false;
  const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
  const ref = refOf(sandbox);
  if (ref) {
    await getSandboxProvider(sandbox.provider)
      .stop(ref)
      .catch((error) => log.warn("could not stop a lost sandbox", { sandboxId, error: (error as Error).message }));
  }

  let respawning = false;
  let specFailed = false;
  if (sandbox.purpose === "spec" && sandbox.specId) {
    const decision = await recoverSpec({ specId: sandbox.specId, reason, countsAsCrash });
    respawning = decision.action === "respawn";
    specFailed = decision.action === "failed";
  } else if (sandbox.purpose === "task" && sandbox.taskId) {
    respawning = (await recoverTask({ taskId: sandbox.taskId, sandboxId, reason })).action === "requeued";
  } else if (sandbox.purpose === "integration") {
    await finishIntegration({ sandboxId, lostReason: reason });
  }
  const scope = { sandboxId, specId: sandbox.specId, taskId: sandbox.taskId };
  if (status === "stopped") {
    await appendWorkerEvent(scope, "sandbox.stopped", { reason: reason.slice(0, 4000), exitCode: exitCode ?? null });
  } else {
    const spec = sandbox.specId ? await db.spec.findUnique({ where: { id: sandbox.specId }, select: { respawnCount: true } }) : null;
    await appendWorkerEvent(scope, "sandbox.lost", { reason: reason.slice(0, 4000), respawning, respawnCount: spec?.respawnCount ?? 0 });
  }
  if (specFailed) {
    await appendWorkerEvent({ ...scope, sandboxId: null }, "spec.execution_failed", {
      reason: `The agent's sandbox was lost too many times; last: ${reason}`.slice(0, 4000),
    });
  }
  log.warn("sandbox ended without finishing", { sandboxId, status, reason, respawning });
  return true;
}
