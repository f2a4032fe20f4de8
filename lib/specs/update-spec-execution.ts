import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { completeExecution, setExecutionProgress } from "@/lib/specs/spec-state";

/**
 * A spec's build follows its tickets: progress is the share of them done, and when every one is done the spec's
 * execution is completed (progress 100, `spec.execution_completed`) — exactly once, decided under the spec's lock.
 * A spec with a branch completes only as a whole: every ticket's work integrated into the spec branch, and the tests
 * passed on the branch's head (a ticket dragged to Done by hand, or a head nobody tested, does not count).
 */
export async function updateSpecExecution(specId: string) {
  const spec = await db.spec.findUnique({ where: { id: specId }, select: { branch: true, branchHead: true, testedHead: true } });
  if (!spec) return;
  const tickets = await db.ticket.findMany({
    where: { specId },
    select: { status: true, tasks: { where: { integration: "integrated" }, select: { id: true }, take: 1 } },
  });
  const total = tickets.length;
  if (total === 0) return;
  const done = tickets.filter((ticket) => ticket.status === "done" && (!spec.branch || ticket.tasks.length > 0)).length;
  const whole = !spec.branch || (spec.branchHead !== null && spec.branchHead === spec.testedHead);
  const completed = await db.$transaction((tx) => (done < total || !whole ? setExecutionProgress(tx, specId, done, total).then(() => false) : completeExecution(tx, specId)));
  if (completed) {
    const summary = spec.branch
      ? `All ${total} tickets are integrated into ${spec.branch} (${spec.branchHead!.slice(0, 12)}), tests passing on it.`
      : `All ${total} tickets are done.`;
    await appendWorkerEvent({ sandboxId: null, specId, taskId: null }, "spec.execution_completed", { summary });
  }
}
