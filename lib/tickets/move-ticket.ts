import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import type { BoardMoveInput } from "@/lib/tickets/ticket-schemas";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { explainMove, isHeldMove } from "@/lib/tickets/can-move-ticket";
import { getLatestIntegration } from "@/lib/tickets/get-latest-integration";

/**
 * A drag on the board, judged by explainMove (lib/tickets/can-move-ticket.ts) — the rules the board shows while the
 * card is dragged: the status machine, work waiting in review or integration (its pipeline moves it), the target
 * column's WIP limit (unless forced); 409 with the reason otherwise. The facts are read under the project's lock, and
 * only those the move needs. The ticket gets a position between its new neighbours — one row written, the order of
 * the others untouched. Moves within a project are serialized, so two drags cannot take the same slot.
 */
export async function moveTicket({ userId, input }: { userId: string; input: BoardMoveInput }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId: input.ticketId });
  const moved = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${ticket.projectId} FOR UPDATE`;
    const from = ticket.status;
    const to = input.toStatus;
    const integration = isHeldMove(from, to) ? await getLatestIntegration(ticket.id, tx) : null;
    let wipLimit: number | null = null;
    let wipCount = 0;
    if (to !== from && !input.force) {
      const project = await tx.project.findUniqueOrThrow({ where: { id: ticket.projectId }, select: { wipLimits: true } });
      const limit = (project.wipLimits as Record<string, number> | null)?.[to];
      if (typeof limit === "number") {
        wipLimit = limit;
        wipCount = await tx.ticket.count({ where: { projectId: ticket.projectId, status: to } });
      }
    }
    const refusal = explainMove({ key: ticket.key, from, to, integration, wipCount, wipLimit, force: input.force });
    if (refusal) throw new AppError("conflict", refusal.message, refusal.details);

    const column = { projectId: ticket.projectId, status: to, id: { not: ticket.id } };
    let position: number;
    if (input.beforeTicketId) {
      const before = await tx.ticket.findFirst({ where: { ...column, id: input.beforeTicketId }, select: { position: true } });
      if (!before) throw new AppError("validation_failed", "beforeTicketId is not a ticket of the target column", { fields: { beforeTicketId: ["not in that column"] } });
      const previous = await tx.ticket.findFirst({ where: { ...column, position: { lt: before.position } }, orderBy: { position: "desc" }, select: { position: true } });
      position = previous ? (previous.position + before.position) / 2 : before.position - 1;
    } else {
      position = await endOfColumn(ticket.projectId, to, tx, ticket.id);
    }
    return tx.ticket.update({ where: { id: ticket.id }, data: { status: to, position }, include: ticketInclude });
  });
  return toTicketDto(moved);
}
