"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { TICKET_STATUSES } from "@/lib/projects/project-schemas";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import type { MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";
import { arrangementOf, columnOf, dropInto, enterColumn, moveFor, type Arrangement } from "@/components/board/board-arrangement";
import { boardAnnouncements, type BoardDragState } from "@/components/board/board-announcements";
import { boardCollisionDetection } from "@/components/board/board-collision";
import { BoardColumn } from "@/components/board/board-column";
import { boardKeyboardCoordinates } from "@/components/board/board-keyboard";
import { refusalNotice, refusalsFor, type ColumnRefusals } from "@/components/board/board-refusals";
import { TicketCardPreview } from "@/components/board/ticket-card";

export interface BoardProps {
  projectId: string;
  view: BoardView;
  specTitles: ReadonlyMap<string, string>;
  /** A drop that moves a card; `isRefusalExpected` when its column was dimmed (the card is not shown there meanwhile). */
  onMove: (input: MoveTicketInput, ticket: BoardTicket, options: { isRefusalExpected: boolean }) => void;
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
  /** During a drag: why the card cannot enter each column, by the server's rules (lib/tickets/can-move-ticket.ts). */
  const [refusals, setRefusalsState] = useState<ColumnRefusals | null>(null);
  const refusalsRef = useRef<ColumnRefusals | null>(null);
  const setRefusals = (next: ColumnRefusals | null) => {
    refusalsRef.current = next;
    setRefusalsState(next);
  };
  /** The move the last drop sent, for its announcement (dnd-kit announces a drop after its handler ran). */
  const dropRef = useRef<BoardDragState["drop"]>(null);

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
  const announcements = useMemo(
    () =>
      boardAnnouncements(() => ({
        ...latest.current,
        arrangement: arrangementRef.current,
        refusals: refusalsRef.current,
        drop: dropRef.current,
      })),
    [],
  );

  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));

  const onDragStart = ({ active }: DragStartEvent) => {
    setSettlingFrom(null);
    setActiveId(String(active.id));
    const ticket = ticketsById.get(String(active.id));
    setRefusals(ticket ? refusalsFor(view, ticket) : null);
    dropRef.current = null;
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
    const expected = refusalsRef.current;
    setRefusals(null);
    const ticket = ticketsById.get(String(active.id));
    const arrangement = arrangementRef.current;
    if (!arrangement || !over || !ticket) {
      setArrangement(null);
      return;
    }
    const final = dropInto(arrangement, active.id, over.id);
    const original = arrangementOf(view);
    const move = moveFor(final, original, ticket.id);
    if (!move) {
      setArrangement(null);
      return;
    }
    dropRef.current = { from: columnOf(original, ticket.id) ?? ticket.status, to: move.toStatus };
    // The column said why it would refuse: the card goes back at once, and the server's answer is what is announced.
    // The move is still sent, since the server, not the board's copy of the rules' inputs, decides.
    const isRefusalExpected = Boolean(expected?.[move.toStatus]);
    if (isRefusalExpected) {
      setArrangement(null);
    } else {
      // Keep showing the drop until the optimistic update reaches the view, so the card never flashes back.
      setArrangement(final);
      setSettlingFrom(view);
    }
    onMove(move, ticket, { isRefusalExpected });
  };

  const onDragCancel = () => {
    setActiveId(null);
    setRefusals(null);
    setArrangement(null);
  };

  const activeTicket = activeId ? ticketsById.get(activeId) : undefined;

  return (
    <DndContext
      id={dndId}
      sensors={sensors}
      collisionDetection={boardCollisionDetection}
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
              refusal={refusals?.[status] ? refusalNotice(refusals[status]) : null}
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
