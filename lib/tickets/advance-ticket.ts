import { db, type Prisma } from "@/lib/db/client";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { assertTransition, TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/**
 * Moves a ticket forward as its agent's work progresses (analyzing → building → testing → done), to the end of the
 * new column. Only forward: a late event of an earlier step never moves it back. The way there is checked one column
 * at a time against the ticket status machine, so this path obeys the same rules as a person's move: no step the
 * machine refuses is taken silently (it throws 409 instead).
 */
export async function advanceTicket(ticketId: string, to: TicketStatusName, tx: Prisma.TransactionClient = db) {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { status: true, projectId: true } });
  if (!ticket) return;
  const from = TICKET_STATUSES.indexOf(ticket.status);
  const target = TICKET_STATUSES.indexOf(to);
  if (target <= from) return;
  for (let step = from; step < target; step++) assertTransition(TICKET_STATUSES[step]!, TICKET_STATUSES[step + 1]!);
  await tx.ticket.update({ where: { id: ticketId }, data: { status: to, position: await endOfColumn(ticket.projectId, to, tx) } });
}
