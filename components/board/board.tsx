"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { TICKET_STATUSES } from "@/lib/projects/project-schemas";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import {
  arrangementOf,
  columnOf,
  dropInto,
  enterColumn,
  moveFor,
  statusOfColumnDropId,
  type Arrangement,
} from "@/components/board/board-arrangement";
import { BoardColumn } from "@/components/board/board-column";
import { boardKeyboardCoordinates } from "@/components/board/board-keyboard";
import { COLUMN_TITLES } from "@/components/board/board-scope";
import type { MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";
import { TicketCardPreview } from "@/components/board/ticket-card";

export interface BoardProps {
  projectId: string;
  view: BoardView;
  specTitles: ReadonlyMap<string, string>;
  onMove: (input: MoveTicketInput, ticket: BoardTicket) => void;
  /** True from pick-up until the dropped card shows where it landed; the caller pauses polling meanwhile. */
  onDraggingChange: (isDragging: boolean) => void;
}

// Module constants: new option objects each render would give dnd-kit new sensors, and with them a new context that
// re-renders every card on every poll.
/** A few pixels of travel before a drag starts, so a click on the handle stays a click. */
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };
const KEYBOARD_OPTIONS = { coordinateGetter: boardKeyboardCoordinates };

const SCREEN_READER_INSTRUCTIONS = {
  draggable:
    "To move a ticket, press Space or Enter on its move button. Use the arrow keys to move it between columns and " +
    "up or down within a column, then Space or Enter to drop it, or Escape to cancel.",
};

/**
 * Cards under the pointer win over the column around them. Without a pointer (keyboard), the middle of the dragged
 * card stands in for it, and nothing under it means the nearest droppable. With a pointer over no column (a gap, the
 * page header), the column the dragged card overlaps most; over nothing at all, the drop is no move.
 */
const collisionDetection: CollisionDetection = (args) => {
  const { collisionRect, pointerCoordinates } = args;
  const point = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2,
  };
  const within = pointerWithin({ ...args, pointerCoordinates: point });
  if (within.length > 0) {
    const card = within.find((collision) => !statusOfColumnDropId(collision.id));
    return card ? [card] : within;
  }
  return pointerCoordinates ? rectIntersection(args) : closestCorners(args);
};

/** The columns and the drag-and-drop around them (pointer and keyboard), with spoken announcements. */
export function Board({ projectId, view, specTitles, onMove, onDraggingChange }: BoardProps) {
  const dndId = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Where the cards sit during a drag, and after the drop until the board shows the move. */
  const [arrangement, setArrangementState] = useState<Arrangement | null>(null);
  // dnd-kit may call onDragEnd before the render of the last onDragOver; the ref always holds the latest arrangement.
  const arrangementRef = useRef<Arrangement | null>(null);
  const setArrangement = useCallback((next: Arrangement | null) => {
    arrangementRef.current = next;
    setArrangementState(next);
  }, []);
  /** The board at drop time: once the view differs (the optimistic move landed), the arrangement is let go. */
  const [settlingFrom, setSettlingFrom] = useState<BoardView | null>(null);

  // The arrangement shown until then matches the optimistic board, so letting it go a frame later shows no jump.
  useEffect(() => {
    if (!settlingFrom || settlingFrom === view) return;
    setSettlingFrom(null);
    setArrangement(null);
  }, [settlingFrom, view, setArrangement]);

  // A drop whose move never changes the board (e.g. the cache was empty) must not freeze the columns.
  useEffect(() => {
    if (!settlingFrom) return;
    const timer = setTimeout(() => {
      setSettlingFrom(null);
      setArrangement(null);
    }, 3_000);
    return () => clearTimeout(timer);
  }, [settlingFrom, setArrangement]);

  const isBusy = activeId !== null || settlingFrom !== null;
  useEffect(() => onDraggingChange(isBusy), [isBusy, onDraggingChange]);

  const ticketsById = useMemo(() => {
    const byId = new Map<string, BoardTicket>();
    for (const column of view.columns) for (const ticket of column.tickets) byId.set(ticket.id, ticket);
    return byId;
  }, [view]);

  const columns = useMemo(() => {
    if (!arrangement) return view.columns;
    return view.columns.map((column) => {
      const tickets = arrangement[column.status].flatMap((id) => ticketsById.get(id) ?? []);
      return { ...column, tickets, count: column.count - column.tickets.length + tickets.length };
    });
  }, [arrangement, view, ticketsById]);

  // Announcements are read when dnd-kit calls them, so they see the latest state through refs.
  const latest = useRef({ view, ticketsById });
  useEffect(() => {
    latest.current = { view, ticketsById };
  });
  const announcements = useMemo<Announcements>(() => {
    const nameOf = (id: UniqueIdentifier) => {
      const ticket = latest.current.ticketsById.get(String(id));
      return ticket ? `${ticket.key} (${ticket.title})` : "The ticket";
    };
    const placeOf = (id: UniqueIdentifier, over: UniqueIdentifier) => {
      const current = arrangementRef.current ?? arrangementOf(latest.current.view);
      const status = columnOf(current, over);
      if (!status) return "outside the columns";
      const ids = current[status];
      const index = ids.indexOf(String(id));
      return index === -1 ? COLUMN_TITLES[status] : `${COLUMN_TITLES[status]}, position ${index + 1} of ${ids.length}`;
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
        return over ? `${nameOf(active.id)} is over ${placeOf(active.id, over.id)}.` : `${nameOf(active.id)} is outside the columns.`;
      },
      onDragEnd: ({ active, over }) =>
        over
          ? `Dropped ${nameOf(active.id)} in ${placeOf(active.id, over.id)}.`
          : `Dropped ${nameOf(active.id)} outside the columns; it stays where it was.`,
      onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled; it is back where it was.`,
    };
  }, []);

  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));

  const onDragStart = ({ active }: DragStartEvent) => {
    setSettlingFrom(null);
    setActiveId(String(active.id));
    // A previous drop still settling keeps its arrangement, so that card does not jump back during this drag.
    setArrangement(arrangementRef.current ?? arrangementOf(view));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const translated = active.rect.current.translated;
    const isBelowOver = translated !== null && translated.top > over.rect.top + over.rect.height / 2;
    const current = arrangementRef.current;
    if (current) setArrangement(enterColumn(current, active.id, over.id, isBelowOver));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    const ticket = ticketsById.get(String(active.id));
    const arrangement = arrangementRef.current;
    if (!arrangement || !over || !ticket) {
      setArrangement(null);
      return;
    }
    const final = dropInto(arrangement, active.id, over.id);
    const move = moveFor(final, arrangementOf(view), ticket.id);
    if (!move) {
      setArrangement(null);
      return;
    }
    // Keep showing the drop until the optimistic update reaches the view, so the card never flashes back.
    setArrangement(final);
    setSettlingFrom(view);
    onMove(move, ticket);
  };

  const onDragCancel = () => {
    setActiveId(null);
    setArrangement(null);
  };

  const activeTicket = activeId ? ticketsById.get(activeId) : undefined;

  return (
    <DndContext
      id={dndId}
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: SCREEN_READER_INSTRUCTIONS }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      <div
        role="region"
        aria-label="Board columns"
        // Columns scroll sideways on narrow screens; a focusable region lets keyboard users scroll too. `relative` keeps
        // the cards' sr-only text (absolutely positioned) inside the scroller instead of widening the page.
        tabIndex={0}
        className="relative grid auto-cols-[minmax(10.5rem,1fr)] grid-flow-col gap-2.5 overflow-x-auto rounded-lg pb-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {TICKET_STATUSES.map((status) => {
          const column = columns.find((candidate) => candidate.status === status);
          return (
            <BoardColumn
              key={status}
              projectId={projectId}
              status={status}
              tickets={column?.tickets ?? EMPTY}
              count={column?.count ?? 0}
              wipLimit={column?.wipLimit ?? null}
              specTitles={specTitles}
            />
          );
        })}
      </div>
      <DragOverlay>
        {activeTicket ? (
          <TicketCardPreview ticket={activeTicket} specTitle={activeTicket.specId ? specTitles.get(activeTicket.specId) : undefined} />
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

const EMPTY: BoardTicket[] = [];
