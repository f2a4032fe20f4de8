import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";

/** The body of POST /api/v1/board/move, as the board sends it. */
export interface MoveTicketInput {
  ticketId: string;
  toStatus: TicketStatusName;
  /** Place it just before this ticket of the target column; null → at the end. */
  beforeTicketId: string | null;
  /** Move past the target column's WIP limit anyway. */
  force?: boolean;
}

/**
 * The board as it will be once the server accepts a move: the card leaves its column and enters the target one before
 * `beforeTicketId` (or at the end when that ticket is absent), counts follow. Untouched columns and cards keep their
 * identity, so memoized columns and cards do not re-render. A ticket that is not on this view leaves it unchanged.
 */
export function moveTicketInView(view: BoardView, { ticketId, toStatus, beforeTicketId }: MoveTicketInput): BoardView {
  const from = view.columns.find((column) => column.tickets.some((ticket) => ticket.id === ticketId));
  const to = view.columns.find((column) => column.status === toStatus);
  const ticket = from?.tickets.find((candidate) => candidate.id === ticketId);
  if (!from || !to || !ticket) return view;

  const rest = to.tickets.filter((candidate) => candidate.id !== ticketId);
  const beforeIndex = beforeTicketId ? rest.findIndex((candidate) => candidate.id === beforeTicketId) : -1;
  const index = beforeIndex === -1 ? rest.length : beforeIndex;
  const moved: BoardTicket = { ...ticket, status: toStatus, position: positionAt(rest, index) };
  const entered = [...rest.slice(0, index), moved, ...rest.slice(index)];

  return {
    ...view,
    columns: view.columns.map((column) => {
      if (column === to) return { ...column, tickets: entered, count: from === to ? column.count : column.count + 1 };
      if (column === from) {
        return { ...column, tickets: column.tickets.filter((candidate) => candidate.id !== ticketId), count: Math.max(0, column.count - 1) };
      }
      return column;
    }),
  };
}

/** Mirrors the server (lib/tickets/move-ticket.ts) so the card sorts the same way before the poll confirms it. */
function positionAt(tickets: readonly BoardTicket[], index: number): number {
  const before = tickets[index];
  const previous = tickets[index - 1];
  if (!before) return (tickets.at(-1)?.position ?? 0) + 1;
  return previous ? (previous.position + before.position) / 2 : before.position - 1;
}
