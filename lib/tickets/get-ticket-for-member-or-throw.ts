import { projectsOfMember } from "@/lib/orgs/member-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/** A ticket of a project the user can see; 404 otherwise. */
export async function getTicketForMemberOrThrow({ userId, ticketId }: { userId: string; ticketId: string }) {
  const ticket = await db.ticket.findFirst({ where: { id: ticketId, project: projectsOfMember(userId) } });
  if (!ticket) throw new AppError("not_found", "Ticket not found");
  return ticket;
}
