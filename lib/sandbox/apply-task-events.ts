import { db } from "@/lib/db/client";
import type { EventData, EventType, OutgoingEvent } from "@/lib/events/event-schemas";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { recoverTask } from "@/lib/sandbox/recover-task";
import { advanceTicket } from "@/lib/tickets/advance-ticket";

/** Event types whose consumer is the ticket and its task (besides the timeline). */
export const TASK_STATE_EVENTS: ReadonlySet<EventType> = new Set<EventType>(["task.started", "task.tests_started", "task.completed", "task.failed"]);

/**
 * The ticket follows its agent's work: building when it starts, testing while the project's tests run. An accepted
 * completion queues the delivery (push, pull request, result); a failure sends the task back for another attempt or
 * blocks the ticket. Only the task's current sandbox counts.
 */
export async function applyTaskEvents({ taskId, sandboxId }: { taskId: string; sandboxId: string }, events: OutgoingEvent[]) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { ticketId: true, status: true, sandboxId: true } });
  if (!task || task.status !== "running" || task.sandboxId !== sandboxId) return;
  for (const event of events) {
    if (event.type === "task.started") await advanceTicket(task.ticketId, "building");
    else if (event.type === "task.tests_started") await advanceTicket(task.ticketId, "testing");
    else if (event.type === "task.completed") {
      await enqueueJob("finish_task", { taskId, sandboxId }, { jobKey: `finish-task:${taskId}` });
    } else if (event.type === "task.failed") {
      await recoverTask({ taskId, sandboxId, reason: (event.data as EventData<"task.failed">).reason });
    }
  }
}
