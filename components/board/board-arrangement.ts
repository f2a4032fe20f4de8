import type { UniqueIdentifier } from "@dnd-kit/core";
import { TICKET_STATUSES } from "@/lib/projects/project-schemas";
import type { BoardView } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import type { MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";

/** Ticket ids per column, in display order: what a drag rearranges before anything is sent. */
export type Arrangement = Record<TicketStatusName, string[]>;

const COLUMN_PREFIX = "column:";

/** The droppable id of a column's body (ticket ids are cuids, so they never start with the prefix). */
export const columnDropId = (status: TicketStatusName) => `${COLUMN_PREFIX}${status}`;

export function statusOfColumnDropId(id: UniqueIdentifier): TicketStatusName | undefined {
  const value = String(id);
  if (!value.startsWith(COLUMN_PREFIX)) return undefined;
  return TICKET_STATUSES.find((status) => status === value.slice(COLUMN_PREFIX.length));
}

export function arrangementOf(view: BoardView): Arrangement {
  const arrangement = Object.fromEntries(TICKET_STATUSES.map((status) => [status, [] as string[]])) as Arrangement;
  for (const column of view.columns) arrangement[column.status] = column.tickets.map((ticket) => ticket.id);
  return arrangement;
}

/** The column a droppable belongs to: the column itself, or the column holding that ticket. */
export function columnOf(arrangement: Arrangement, id: UniqueIdentifier): TicketStatusName | undefined {
  return statusOfColumnDropId(id) ?? TICKET_STATUSES.find((status) => arrangement[status].includes(String(id)));
}

/**
 * While dragging over another column, the card joins it (so that column's cards make room): next to the card it is
 * over (after it when the pointer is past that card's middle), or at the end when it is over the column itself.
 * Within one column nothing changes here; the sortable strategy shows the reorder until the drop.
 */
export function enterColumn(arrangement: Arrangement, activeId: UniqueIdentifier, overId: UniqueIdentifier, isBelowOver: boolean): Arrangement {
  const from = columnOf(arrangement, activeId);
  const to = columnOf(arrangement, overId);
  if (!from || !to || from === to) return arrangement;
  const id = String(activeId);
  const target = arrangement[to];
  const overIndex = target.indexOf(String(overId));
  const index = overIndex === -1 ? target.length : overIndex + (isBelowOver ? 1 : 0);
  return {
    ...arrangement,
    [from]: arrangement[from].filter((candidate) => candidate !== id),
    [to]: [...target.slice(0, index), id, ...target.slice(index)],
  };
}

/** The arrangement after the drop: over another card of the same column, the card takes that card's place. */
export function dropInto(arrangement: Arrangement, activeId: UniqueIdentifier, overId: UniqueIdentifier): Arrangement {
  const column = columnOf(arrangement, activeId);
  if (!column || columnOf(arrangement, overId) !== column) return arrangement;
  const ids = arrangement[column];
  const from = ids.indexOf(String(activeId));
  const to = ids.indexOf(String(overId));
  if (from === -1 || to === -1 || from === to) return arrangement;
  const next = ids.filter((id) => id !== String(activeId));
  next.splice(to, 0, String(activeId));
  return { ...arrangement, [column]: next };
}

/** The move request for where a card now sits, or null when it sits where it started (nothing to send). */
export function moveFor(arrangement: Arrangement, original: Arrangement, ticketId: string): MoveTicketInput | null {
  const toStatus = columnOf(arrangement, ticketId);
  if (!toStatus) return null;
  const ids = arrangement[toStatus];
  const beforeTicketId = ids[ids.indexOf(ticketId) + 1] ?? null;
  const fromStatus = columnOf(original, ticketId);
  if (fromStatus === toStatus) {
    const originalIds = original[fromStatus];
    if ((originalIds[originalIds.indexOf(ticketId) + 1] ?? null) === beforeTicketId) return null;
  }
  return { ticketId, toStatus, beforeTicketId };
}
