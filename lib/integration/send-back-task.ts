import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { failExecution } from "@/lib/specs/spec-state";

export interface SendBackOptions {
  taskId: string;
  /** What the next attempt must address; stored as the task's feedback (in its prompt) and error. */
  reason: string;
  /** Requested changes are a reviewer's round, not a failure: they do not use up one of the task's attempts. */
  free?: boolean;
}

/**
 * Accepted work that cannot land as it is (its merge conflicts with the spec branch, the tests fail on the merged
 * result, a reviewer requested changes) goes back to its agent: a new attempt on the same branch, with the reason
 * in its prompt, the ticket back to the backlog until it is dispatched again. Once the task used all its attempts it
 * fails instead, the ticket is blocked with the reason, and the spec's execution fails saying why — never dropped
 * silently. Only a task whose accepted work is waiting (review, queued, integrating) is touched.
 */
export async function sendBackTask({ taskId, reason, free = false }: SendBackOptions): Promise<"sent_back" | "blocked" | "none"> {
  const text = reason.slice(0, 8000);
  const outcome = await db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({
      where: { id: taskId },
      select: { attempt: true, maxAttempts: true, ticketId: true, ticket: { select: { projectId: true, specId: true, key: true } } },
    });
    if (!task) return { action: "none" as const };
    const exhausted = !free && task.attempt >= task.maxAttempts;
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "completed", integration: { in: ["review", "queued", "integrating"] } },
      data: exhausted
        ? { status: "failed", integration: null, error: text.slice(0, 4000), feedback: text, completedAt: new Date() }
        : {
            status: "queued",
            integration: null,
            error: text.slice(0, 4000),
            feedback: text,
            queuedAt: new Date(),
            completedAt: null,
            ...(free ? { maxAttempts: { increment: 1 } } : {}),
          },
    });
    if (count === 0) return { action: "none" as const };
    if (exhausted) {
      const failure = `Sent back ${task.attempt} times; last: ${text}`.slice(0, 4000);
      await tx.ticket.update({ where: { id: task.ticketId }, data: { isBlocked: true, blockedReason: failure } });
      const specFailed = task.ticket.specId ? await failExecution(tx, task.ticket.specId, `${task.ticket.key}: ${failure}`) : false;
      return { action: "blocked" as const, specId: specFailed ? task.ticket.specId : null, reason: `${task.ticket.key}: ${failure}`.slice(0, 4000) };
    }
    await tx.ticket.update({
      where: { id: task.ticketId },
      data: { status: "backlog", position: await endOfColumn(task.ticket.projectId, "backlog", tx), isBlocked: false, blockedReason: null },
    });
    await enqueueDispatch(tx);
    return { action: "sent_back" as const };
  });
  if (outcome.action === "blocked" && outcome.specId) {
    await appendWorkerEvent({ sandboxId: null, specId: outcome.specId, taskId }, "spec.execution_failed", { reason: outcome.reason });
  }
  return outcome.action;
}
