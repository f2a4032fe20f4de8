import { db, type Prisma } from "@/lib/db/client";
import { TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/**
 * Moves a ticket forward as its agent's work progresses (analyzing → building → testing → done), to the end of the
 * new column. Only forward: a late event of an earlier step never moves it back.
 */
export async function advanceTicket(ticketId: string, to: TicketStatusName, tx: Prisma.TransactionClient = db) {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { status: true, projectId: true } });
  if (!ticket || TICKET_STATUSES.indexOf(to) <= TICKET_STATUSES.indexOf(ticket.status)) return;
  const last = await tx.ticket.aggregate({ where: { projectId: ticket.projectId, status: to }, _max: { position: true } });
  await tx.ticket.update({ where: { id: ticketId }, data: { status: to, position: (last._max.position ?? 0) + 1 } });
}
