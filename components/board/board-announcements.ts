import type { Announcements, UniqueIdentifier } from "@dnd-kit/core";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import { arrangementOf, columnOf, type Arrangement } from "@/components/board/board-arrangement";
import { refusalNotice, type ColumnRefusals } from "@/components/board/board-refusals";
import { COLUMN_TITLES } from "@/components/board/board-scope";

/** What the announcements read when dnd-kit calls them: the board as it is at that moment. */
export interface BoardDragState {
  view: BoardView;
  ticketsById: ReadonlyMap<string, BoardTicket>;
  /** Where the cards sit during the drag (null: as in the view). */
  arrangement: Arrangement | null;
  /** Why the dragged card cannot enter each column (null: no drag). */
  refusals: ColumnRefusals | null;
  /** The move the drop handler sent (it runs before the drop is announced); null when the drop moved nothing. */
  drop: { from: TicketStatusName; to: TicketStatusName } | null;
}

/**
 * The spoken side of a drag: pick-up, each column or place the card is over (with the reason when that column refuses
 * it), and the drop. A drop that sends a move says only that the move is under way: whether it happened is the
 * server's to say, and the board announces its answer ("Moved …" or "Could not move …") when it comes.
 */
export function boardAnnouncements(read: () => BoardDragState): Announcements {
  const nameOf = (id: UniqueIdentifier) => {
    const ticket = read().ticketsById.get(String(id));
    return ticket ? `${ticket.key} (${ticket.title})` : "The ticket";
  };
  const columnAt = (over: UniqueIdentifier) => {
    const { arrangement, view } = read();
    const current = arrangement ?? arrangementOf(view);
    return { current, status: columnOf(current, over) };
  };
  const placeOf = (id: UniqueIdentifier, over: UniqueIdentifier) => {
    const { current, status } = columnAt(over);
    if (!status) return "outside the columns";
    const ids = current[status];
    const index = ids.indexOf(String(id));
    return index === -1 ? COLUMN_TITLES[status] : `${COLUMN_TITLES[status]}, position ${index + 1} of ${ids.length}`;
  };
  const refusalAt = (over: UniqueIdentifier) => {
    const { status } = columnAt(over);
    const refusal = status ? read().refusals?.[status] : null;
    return refusal ? ` ${refusalNotice(refusal)}` : "";
  };
  // dnd-kit reports the card over its own place right after the pick-up; saying so would cut "Picked up" short.
  let hasLeftStart = false;
  return {
    onDragStart: ({ active }) => {
      hasLeftStart = false;
      return `Picked up ${nameOf(active.id)} in ${placeOf(active.id, active.id)}.`;
    },
    onDragOver: ({ active, over }) => {
      if (!hasLeftStart && over?.id === active.id) return undefined;
      hasLeftStart = true;
      if (!over) return `${nameOf(active.id)} is outside the columns.`;
      return `${nameOf(active.id)} is over ${placeOf(active.id, over.id)}.${refusalAt(over.id)}`;
    },
    onDragEnd: ({ active, over }) => {
      const { drop } = read();
      if (drop) {
        return drop.from === drop.to
          ? `Moving ${nameOf(active.id)} within ${COLUMN_TITLES[drop.to]}…`
          : `Moving ${nameOf(active.id)} to ${COLUMN_TITLES[drop.to]}…`;
      }
      return over
        ? `${nameOf(active.id)} was dropped where it was; nothing moved.`
        : `Dropped ${nameOf(active.id)} outside the columns; it stays where it was.`;
    },
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled; it is back where it was.`,
  };
}
