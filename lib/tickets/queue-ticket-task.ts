import type { Prisma } from "@/lib/db/client";
import type { Task } from "@/lib/generated/prisma/client";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { resumeFailedExecution } from "@/lib/specs/spec-state";

export interface QueueTicketTaskOptions {
  ticket: { id: string; specId: string | null; specTaskId: string | null };
  /** The ticket's latest task, if any. */
  latest: Task | null;
  /** What the new run should address (in the agent's prompt). */
  feedback?: string | null;
}

/**
 * Queues a ticket's next run as a person asked for it (runs with auto-execute off too). A task that never finished
 * its work (pending, failed, cancelled) is queued again — a failed or cancelled one with a fresh set of attempts. A
 * completed one keeps its record (what it delivered, where it was merged) and a new task is made for the new run.
 * The ticket is unblocked, a spec whose execution failed runs again, and the dispatcher is woken. The caller checks
 * that nothing is queued, running, or waiting for review or integration.
 */
export async function queueTicketTask(tx: Prisma.TransactionClient, { ticket, latest, feedback }: QueueTicketTaskOptions) {
  const data = { status: "queued" as const, runRequested: true, queuedAt: new Date(), error: null, integration: null, ...(feedback ? { feedback } : {}) };
  const queued =
    latest && latest.status !== "completed"
      ? await tx.task.update({ where: { id: latest.id }, data: { ...data, ...(latest.status === "failed" || latest.status === "cancelled" ? { attempt: 0 } : {}) } })
      : await tx.task.create({ data: { ticketId: ticket.id, kind: ticket.specTaskId ? "implement" : "quick", specTaskId: ticket.specTaskId, ...data } });
  await tx.ticket.update({ where: { id: ticket.id }, data: { isBlocked: false, blockedReason: null } });
  if (ticket.specId) await resumeFailedExecution(tx, ticket.specId);
  await enqueueDispatch(tx);
  return queued;
}
