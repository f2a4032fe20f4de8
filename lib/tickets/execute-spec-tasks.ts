import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { AppError } from "@/lib/http/errors";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { createTicketsFromSpec } from "@/lib/specs/create-tickets-from-spec";
import { startExecution } from "@/lib/specs/spec-state";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";

/**
 * "Execute tasks" on a spec: makes the missing tickets (the same idempotent bridge SYNC runs), and queues the tasks
 * of those tickets that were waiting for a person (the user pressed it, so auto-execute does not matter).
 */
export async function executeSpecTasks({ userId, specId, specTaskIds }: { userId: string; specId: string; specTaskIds?: string[] }) {
  const spec = await getSpecForMemberOrThrow({ userId, specId });
  await assertOrgBudgetLeft(spec.projectId);
  if ((await db.specTask.count({ where: { specId } })) === 0) throw new AppError("conflict", "The spec has no tasks yet");
  const result = await db.$transaction(async (tx) => {
    const bridge = await createTicketsFromSpec(tx, { specId, specTaskIds });
    const queued = await tx.task.updateMany({
      where: { ticket: { specId, id: { in: bridge.ticketIds } }, status: "pending" },
      data: { status: "queued", runRequested: true, queuedAt: new Date() },
    });
    // Running again only when something will run (a ticket that failed for good is re-run with its Run button).
    if (queued.count > 0) await startExecution(tx, specId);
    await enqueueDispatch(tx);
    return { created: bridge.created.map((t) => t.ticketId), ticketIds: bridge.ticketIds, queued: queued.count };
  });
  if (result.created.length > 0) await appendWorkerEvent({ sandboxId: null, specId, taskId: null }, "spec.tickets_created", { count: result.created.length, ticketIds: result.created });
  return result;
}
