import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/** A ticket of a project the user can see; 404 otherwise. */
export async function requireTicketForMember({ userId, ticketId }: { userId: string; ticketId: string }) {
  const ticket = await db.ticket.findFirst({ where: { id: ticketId, project: { org: { memberships: { some: { userId } } } } } });
  if (!ticket) throw new AppError("not_found", "Ticket not found");
  return ticket;
}
