import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";

/**
 * A spec's execution follows its tickets: progress is the share of them done, and when every one is done the spec's
 * execution is completed (progress 100, `spec.execution_completed`) — exactly once, by a conditional update.
 */
export async function updateSpecExecution(specId: string) {
  const tickets = await db.ticket.groupBy({ by: ["status"], where: { specId }, _count: true });
  const total = tickets.reduce((sum, group) => sum + group._count, 0);
  if (total === 0) return;
  const done = tickets.find((group) => group.status === "done")?._count ?? 0;
  if (done < total) {
    await db.spec.updateMany({ where: { id: specId, executionStatus: "running" }, data: { progress: Math.floor((done / total) * 100) } });
    return;
  }
  const { count } = await db.spec.updateMany({
    where: { id: specId, executionStatus: { not: "completed" } },
    data: { executionStatus: "completed", progress: 100 },
  });
  if (count > 0) {
    await appendWorkerEvent({ sandboxId: null, specId, taskId: null }, "spec.execution_completed", { summary: `All ${total} tickets are done.` });
  }
}
