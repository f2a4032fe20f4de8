import { db, type Prisma } from "@/lib/db/client";
import { endOfColumn } from "@/lib/tickets/end-of-column";
import { TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/**
 * Moves a ticket forward as its agent's work progresses (analyzing → building → testing → done), to the end of the
 * new column. Only forward: a late event of an earlier step never moves it back.
 */
export async function advanceTicket(ticketId: string, to: TicketStatusName, tx: Prisma.TransactionClient = db) {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { status: true, projectId: true } });
  if (!ticket || TICKET_STATUSES.indexOf(to) <= TICKET_STATUSES.indexOf(ticket.status)) return;
  await tx.ticket.update({ where: { id: ticketId }, data: { status: to, position: await endOfColumn(ticket.projectId, to, tx) } });
}
