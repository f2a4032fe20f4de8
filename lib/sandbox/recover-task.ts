import { db } from "@/lib/db/client";
import { endOfColumn } from "@/lib/tickets/end-of-column";
import { enqueueDispatch } from "@/lib/tickets/enqueue-dispatch";

/**
 * A task whose attempt ended without delivered work (its agent failed, died or went silent; the push failed) goes
 * back to the queue for another attempt — its ticket back to the backlog — or, once it used them all, fails and its
 * ticket is marked blocked with the reason. Only a task still running with this sandbox is touched, so a late call
 * cannot undo a result.
 */
export async function recoverTask({ taskId, sandboxId, reason }: { taskId: string; sandboxId: string; reason: string }) {
  const outcome = await db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { id: taskId }, select: { attempt: true, maxAttempts: true, ticketId: true, ticket: { select: { projectId: true } } } });
    if (!task) return "none" as const;
    const exhausted = task.attempt >= task.maxAttempts;
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "running", sandboxId },
      data: exhausted
        ? { status: "failed", error: reason.slice(0, 4000), sandboxId: null, completedAt: new Date() }
        : { status: "queued", error: reason.slice(0, 4000), sandboxId: null, queuedAt: new Date() },
    });
    if (count === 0) return "none" as const;
    if (exhausted) {
      await tx.ticket.update({ where: { id: task.ticketId }, data: { isBlocked: true, blockedReason: `Failed ${task.attempt} times; last: ${reason}`.slice(0, 4000) } });
      return "failed" as const;
    }
    await tx.ticket.update({ where: { id: task.ticketId }, data: { status: "backlog", position: await endOfColumn(task.ticket.projectId, "backlog", tx) } });
    await enqueueDispatch(tx);
    return "requeued" as const;
  });
  return { action: outcome };
}
