import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { failExecution } from "@/lib/specs/spec-state";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";

/**
 * A task whose attempt ended without delivered work (its agent failed, died or went silent; the push failed) goes
 * back to the queue for another attempt — its ticket back to the backlog — or, once it used them all, fails and its
 * ticket is marked blocked with the reason — and its spec's execution fails with it (a spec whose ticket cannot be
 * done is not "running"; Run or Execute tasks puts it back). Only a task still running with this sandbox is touched,
 * so a late call cannot undo a result. A task stopped by a budget (the proxy's budget_exceeded) fails at once.
 */
export async function recoverTask({ taskId, sandboxId, reason }: { taskId: string; sandboxId: string; reason: string }) {
  const outcome = await db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({
      where: { id: taskId },
      select: { attempt: true, maxAttempts: true, ticketId: true, ticket: { select: { projectId: true, specId: true, key: true } } },
    });
    if (!task) return { action: "none" as const };
    // A spent budget stays spent: another attempt would be refused at its first model call.
    const exhausted = task.attempt >= task.maxAttempts || reason.includes("budget_exceeded:");
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "running", sandboxId },
      data: exhausted
        ? { status: "failed", error: reason.slice(0, 4000), sandboxId: null, completedAt: new Date() }
        : { status: "queued", error: reason.slice(0, 4000), sandboxId: null, queuedAt: new Date() },
    });
    if (count === 0) return { action: "none" as const };
    if (exhausted) {
      const failure = `Failed ${task.attempt} times; last: ${reason}`.slice(0, 4000);
      await tx.ticket.update({ where: { id: task.ticketId }, data: { isBlocked: true, blockedReason: failure } });
      const specFailed = task.ticket.specId
        ? await failExecution(tx, task.ticket.specId, `${task.ticket.key}: ${failure}`)
        : false;
      return { action: "failed" as const, specId: specFailed ? task.ticket.specId : null, reason: `${task.ticket.key}: ${failure}`.slice(0, 4000) };
    }
    await tx.ticket.update({ where: { id: task.ticketId }, data: { status: "backlog", position: await endOfColumn(task.ticket.projectId, "backlog", tx) } });
    await enqueueDispatch(tx);
    return { action: "requeued" as const };
  });
  if (outcome.action === "failed" && outcome.specId) {
    await appendWorkerEvent({ sandboxId: null, specId: outcome.specId, taskId }, "spec.execution_failed", { reason: outcome.reason });
  }
  return { action: outcome.action };
}
