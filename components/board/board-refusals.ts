import { explainMove, type MoveRefusal } from "@/lib/tickets/can-move-ticket";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import { TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/** Per column, why the dragged card cannot enter it (null: it can). */
export type ColumnRefusals = Record<TicketStatusName, MoveRefusal | null>;

/**
 * Which columns a picked-up card cannot enter, judged by the server's own rules (explainMove) on what the board knows:
 * the card's column and latest integration state, and each column's WIP limit against its whole count — never the
 * cards a filter shows, since the server counts every ticket of the column.
 */
export function refusalsFor(view: BoardView, ticket: BoardTicket): ColumnRefusals {
  const from = view.columns.find((column) => column.tickets.some((candidate) => candidate.id === ticket.id))?.status ?? ticket.status;
  const refusals = {} as ColumnRefusals;
  for (const status of TICKET_STATUSES) {
    const column = view.columns.find((candidate) => candidate.status === status);
    refusals[status] = explainMove({
      key: ticket.key,
      from,
      to: status,
      integration: ticket.integration,
      wipCount: column?.count ?? 0,
      wipLimit: column?.wipLimit ?? null,
    });
  }
  return refusals;
}

/** The line a column shows, and its description reads out, while a card it refuses is dragged. */
export function refusalNotice(refusal: MoveRefusal): string {
  return refusal.isForceable
    ? `Can't move here: ${refusal.reason}. Drop it here, then choose Move anyway to exceed the limit.`
    : `Can't move here: ${refusal.reason}.`;
}
