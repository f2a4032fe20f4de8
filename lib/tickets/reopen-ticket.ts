import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { assertModelConfigured } from "@/lib/llm/assert-model-configured";
import { AppError } from "@/lib/http/errors";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { queueTicketTask } from "@/lib/tickets/queue-ticket-task";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import type { ReopenTicketInput, TicketDto } from "@/lib/tickets/ticket-schemas";
import { assertTransition } from "@/lib/tickets/ticket-status";

/** Said to a re-run's agent, before the person's reason: its ticket was finished once. */
const RERUN_NOTE = "A person reopened this ticket after it was done and asked for a new run.";

/**
 * A done ticket goes back to the backlog (the status machine's one way out of done), unblocked; with `run`, a new run
 * of its agent is queued at once, with the person's reason in its prompt. The finished run keeps its record; for a
 * spec ticket its work stays merged in the spec branch (reopening changes the board, not the branch). 409 when the
 * ticket is not done, or when it left Done meanwhile.
 */
export async function reopenTicket({ userId, ticketId, input }: { userId: string; ticketId: string; input: ReopenTicketInput }): Promise<{ ticket: TicketDto; taskId: string | null }> {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  if (ticket.status !== "done") throw new AppError("conflict", `${ticket.key} is not done: only a done ticket is reopened`, { status: ticket.status });
  assertTransition(ticket.status, "backlog");
  if (input.run) {
    assertModelConfigured();
    await assertOrgBudgetLeft(ticket.projectId);
  }
  return db.$transaction(async (tx) => {
    const position = await endOfColumn(ticket.projectId, "backlog", tx);
    // Only from done: a concurrent move (or another reopen) wins, and this one says so.
    const { count } = await tx.ticket.updateMany({ where: { id: ticketId, status: "done" }, data: { status: "backlog", position, isBlocked: false, blockedReason: null } });
    if (count === 0) throw new AppError("conflict", `${ticket.key} was moved meanwhile; it is no longer done`);
    let taskId: string | null = null;
    if (input.run) {
      const latest = await tx.task.findFirst({ where: { ticketId }, orderBy: { createdAt: "desc" } });
      if (latest?.status === "running" || latest?.status === "queued") throw new AppError("conflict", `The ticket's task is already ${latest.status}`);
      const feedback = input.reason ? `${RERUN_NOTE} What to do:\n${input.reason}` : RERUN_NOTE;
      taskId = (await queueTicketTask(tx, { ticket, latest, feedback })).id;
    }
    return { ticket: toTicketDto(await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: ticketInclude })), taskId };
  });
}
