import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { completeExecution, setExecutionProgress } from "@/lib/specs/spec-state";

/**
 * A spec's build follows its tickets: progress is the share of them done, and when every one is done the spec's
 * execution is completed (progress 100, `spec.execution_completed`) — exactly once, decided under the spec's lock.
 */
export async function updateSpecExecution(specId: string) {
  const tickets = await db.ticket.groupBy({ by: ["status"], where: { specId }, _count: true });
  const total = tickets.reduce((sum, group) => sum + group._count, 0);
  if (total === 0) return;
  const done = tickets.find((group) => group.status === "done")?._count ?? 0;
  const completed = await db.$transaction((tx) => (done < total ? setExecutionProgress(tx, specId, done, total).then(() => false) : completeExecution(tx, specId)));
  if (completed) {
    await appendWorkerEvent({ sandboxId: null, specId, taskId: null }, "spec.execution_completed", { summary: `All ${total} tickets are done.` });
  }
}
