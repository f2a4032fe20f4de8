import { db } from "@/lib/db/client";

/**
 * A task whose sandbox ended without a verdict goes back to the queue for another attempt, or fails once it used
 * them all. Only a task still marked running with this sandbox is touched, so a late call cannot undo a result.
 */
export async function recoverTask({ taskId, sandboxId, reason }: { taskId: string; sandboxId: string; reason: string }) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { attempt: true, maxAttempts: true } });
  if (!task) return { action: "none" as const };
  const exhausted = task.attempt >= task.maxAttempts;
  const updated = await db.task.updateMany({
    where: { id: taskId, status: "running", sandboxId },
    data: exhausted
      ? { status: "failed", error: reason.slice(0, 4000), sandboxId: null, completedAt: new Date() }
      : { status: "queued", error: reason.slice(0, 4000), sandboxId: null, queuedAt: new Date() },
  });
  if (updated.count === 0) return { action: "none" as const };
  return { action: exhausted ? ("failed" as const) : ("requeued" as const) };
}
