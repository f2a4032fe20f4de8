import type { Ticket } from "@/lib/generated/prisma/client";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";

export const ticketInclude = {
  _count: { select: { dependsOn: true } },
  tasks: { where: { status: "running" as const }, select: { id: true }, take: 1 },
};

export function toTicketDto(ticket: Ticket & { _count: { dependsOn: number }; tasks: { id: string }[] }): TicketDto {
  return {
    id: ticket.id,
    projectId: ticket.projectId,
    key: ticket.key,
    number: ticket.number,
    title: ticket.title,
    description: ticket.description,
    status: ticket.status,
    isBlocked: ticket.isBlocked,
    blockedReason: ticket.blockedReason,
    priority: ticket.priority,
    position: ticket.position,
    userId: ticket.userId,
    assigneeId: ticket.assigneeId,
    specId: ticket.specId,
    specTaskId: ticket.specTaskId,
    dependencyCount: ticket._count.dependsOn,
    running: ticket.tasks.length > 0,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}
