import { db, type Prisma } from "@/lib/db/client";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";
import type { z } from "zod";
import type { listTicketsQuerySchema } from "@/lib/tickets/ticket-schemas";

/** A project's tickets with filters: status, spec, assignee ("me", "unassigned", a user), text in key or title. */
export async function listTickets({ userId, query }: { userId: string; query: z.infer<typeof listTicketsQuerySchema> }): Promise<TicketDto[]> {
  await getProjectForMemberOrThrow({ userId, projectId: query.projectId });
  const where: Prisma.TicketWhereInput = { projectId: query.projectId };
  if (query.status) where.status = query.status;
  if (query.specId) where.specId = query.specId;
  if (query.assignee === "me") where.assigneeId = userId;
  else if (query.assignee === "unassigned") where.assigneeId = null;
  else if (query.assignee) where.assigneeId = query.assignee;
  if (query.q) where.OR = [{ key: { contains: query.q, mode: "insensitive" } }, { title: { contains: query.q, mode: "insensitive" } }];
  const tickets = await db.ticket.findMany({ where, include: ticketInclude, orderBy: [{ number: "desc" }], take: query.limit });
  return tickets.map(toTicketDto);
}
