import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { assertModelConfigured } from "@/lib/llm/assert-model-configured";
import { AppError } from "@/lib/http/errors";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { queueTicketTask } from "@/lib/tickets/queue-ticket-task";

/**
 * A person presses Run: the ticket's task is queued even with auto-execute off (a failed or cancelled one gets a
 * fresh set of attempts, a completed one a new task beside it) and runs as soon as its dependencies are done and the
 * project has a free slot.
 */
export async function runTicket({ userId, ticketId }: { userId: string; ticketId: string }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  assertModelConfigured();
  await assertOrgBudgetLeft(ticket.projectId);
  if (ticket.status === "done") throw new AppError("conflict", "The ticket is done; reopen it to run it again");
  return db.$transaction(async (tx) => {
    const task = await tx.task.findFirst({ where: { ticketId }, orderBy: { createdAt: "desc" } });
    if (task?.status === "running" || task?.status === "queued") throw new AppError("conflict", `The ticket's task is already ${task.status}`);
    // Accepted work on its way into the spec branch: a new run would skip its review or its integration.
    if (task?.integration === "review") throw new AppError("conflict", "The ticket's work waits for review: approve it or request changes");
    if (task?.integration === "queued" || task?.integration === "integrating") throw new AppError("conflict", "The ticket's work is being merged into the spec branch");
    const queued = await queueTicketTask(tx, { ticket, latest: task });
    return { taskId: queued.id, status: queued.status };
  });
}
