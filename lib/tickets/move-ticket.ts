import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import type { BoardMoveInput } from "@/lib/tickets/ticket-schemas";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { assertTransition } from "@/lib/tickets/ticket-status";
import { assertHandMoveAllowed } from "@/lib/tickets/assert-hand-move-allowed";

/**
 * A drag on the board: the status machine decides whether the move is allowed (409 if not), and so does work waiting
 * in review or integration (409: its pipeline moves it); the target column's WIP limit too (409 unless forced). The
 * ticket gets a position between its new neighbours — one row written, the order of the others untouched. Moves
 * within a project are serialized, so two drags cannot take the same slot.
 */
export async function moveTicket({ userId, input }: { userId: string; input: BoardMoveInput }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId: input.ticketId });
  if (input.toStatus !== ticket.status) assertTransition(ticket.status, input.toStatus);
  const moved = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${ticket.projectId} FOR UPDATE`;
    await assertHandMoveAllowed({ ticketId: ticket.id, key: ticket.key, from: ticket.status, to: input.toStatus }, tx);
    if (input.toStatus !== ticket.status && !input.force) {
      const project = await tx.project.findUniqueOrThrow({ where: { id: ticket.projectId }, select: { wipLimits: true } });
      const limit = (project.wipLimits as Record<string, number> | null)?.[input.toStatus];
      if (typeof limit === "number") {
        const count = await tx.ticket.count({ where: { projectId: ticket.projectId, status: input.toStatus } });
        if (count >= limit) throw new AppError("conflict", `The ${input.toStatus} column is at its WIP limit (${limit}); move with force to exceed it`, { wipLimit: limit, count });
      }
    }
    const column = { projectId: ticket.projectId, status: input.toStatus, id: { not: ticket.id } };
    let position: number;
    if (input.beforeTicketId) {
      const before = await tx.ticket.findFirst({ where: { ...column, id: input.beforeTicketId }, select: { position: true } });
      if (!before) throw new AppError("validation_failed", "beforeTicketId is not a ticket of the target column", { fields: { beforeTicketId: ["not in that column"] } });
      const previous = await tx.ticket.findFirst({ where: { ...column, position: { lt: before.position } }, orderBy: { position: "desc" }, select: { position: true } });
      position = previous ? (previous.position + before.position) / 2 : before.position - 1;
    } else {
      position = await endOfColumn(ticket.projectId, input.toStatus, tx, ticket.id);
    }
    return tx.ticket.update({ where: { id: ticket.id }, data: { status: input.toStatus, position }, include: ticketInclude });
  });
  return toTicketDto(moved);
}
