import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import type { TicketDto, UpdateTicketInput } from "@/lib/tickets/ticket-schemas";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { assertTransition } from "@/lib/tickets/ticket-status";
import { assertHandMoveAllowed } from "@/lib/tickets/assert-hand-move-allowed";

/**
 * Edits a ticket. A status change follows the status machine and leaves work in review or integration to its
 * pipeline (409 otherwise); an assignee must be a member.
 */
export async function updateTicket({ userId, ticketId, input }: { userId: string; ticketId: string; input: UpdateTicketInput }): Promise<TicketDto> {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  if (input.assigneeId) {
    const project = await db.project.findUniqueOrThrow({ where: { id: ticket.projectId }, select: { orgId: true } });
    const member = await db.membership.findUnique({ where: { orgId_userId: { orgId: project.orgId, userId: input.assigneeId } } });
    if (!member) throw new AppError("validation_failed", "The assignee must be a member of the project's organization", { fields: { assigneeId: ["not a member"] } });
  }
  let position: number | undefined;
  if (input.status && input.status !== ticket.status) {
    assertTransition(ticket.status, input.status);
    await assertHandMoveAllowed({ ticketId, key: ticket.key, from: ticket.status, to: input.status });
    position = await endOfColumn(ticket.projectId, input.status);
  }
  const updated = await db.ticket.update({
    where: { id: ticketId },
    data: {
      ...input,
      ...(position !== undefined ? { position } : {}),
      ...(input.isBlocked === false ? { blockedReason: null } : {}),
    },
    include: ticketInclude,
  });
  return toTicketDto(updated);
}
