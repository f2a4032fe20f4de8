"use client";

import { memo, useId, useState } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { BoardTicket } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import { columnDropId } from "@/components/board/board-arrangement";
import { COLUMN_DESCRIPTIONS, COLUMN_TITLES } from "@/components/board/board-scope";
import { SortableTicketCard } from "@/components/board/ticket-card";

export interface BoardColumnProps {
  projectId: string;
  status: TicketStatusName;
  tickets: BoardTicket[];
  count: number;
  wipLimit: number | null;
  specTitles: ReadonlyMap<string, string>;
  /** While a card is dragged: why it cannot enter this column ("Can't move here: …"); null when it can, or no drag. */
  refusal: string | null;
}

/** A refused column: hatched and outlined, its text at full contrast (only the background and border are dimmed). */
const REFUSED_CLASSES =
  "bg-[repeating-linear-gradient(135deg,var(--color-zinc-200)_0_6px,var(--color-zinc-100)_6px_12px)] ring-1 ring-zinc-300 ring-inset";

/**
 * One column: a named region with its WIP count, what happens to a card that enters it, and a sortable list; the
 * whole column is also a droppable, so an empty column (or the space below the last card) takes drops. While a card is
 * dragged, a column it cannot enter is dimmed with the reason (in its description too, for screen readers); a drop is
 * still sent, so the server's answer is what the board shows and says.
 * Memoized: a poll that changes one column leaves the other columns' props identical.
 */
export const BoardColumn = memo(function BoardColumn({ projectId, status, tickets, count, wipLimit, specTitles, refusal }: BoardColumnProps) {
  const headingId = useId();
  const countId = useId();
  const descriptionId = useId();
  const refusalId = useId();
  const title = COLUMN_TITLES[status];
  const ids = useStableIds(tickets);
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(status) });
  // The count is the whole column whatever the filter shows (the server counts it so), as is its WIP limit.
  const isOverLimit = wipLimit !== null && count > wipLimit;

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      aria-describedby={refusal ? `${refusalId} ${countId} ${descriptionId}` : `${countId} ${descriptionId}`}
      data-refused={refusal ? "true" : undefined}
      className={[
        "flex min-h-72 min-w-0 flex-col rounded-lg p-2 transition-colors",
        refusal ? REFUSED_CLASSES : isOverLimit ? "bg-amber-50 ring-1 ring-amber-300" : "bg-zinc-100/80",
        isOver ? (refusal ? "outline-2 outline-dashed outline-red-600" : "outline-2 outline-indigo-400") : "",
      ].join(" ")}
    >
      <div className="flex items-center justify-between gap-2 px-1">
        <h2 id={headingId} className="text-xs font-semibold uppercase tracking-wide text-zinc-600">
          {title}
        </h2>
        <span
          id={countId}
          className={`rounded px-1.5 text-xs tabular-nums ${isOverLimit ? "bg-amber-200 font-semibold text-amber-900" : "text-zinc-600"}`}
        >
          {wipLimit === null ? count : `${count} / ${wipLimit}`}
          <span className="sr-only">
            {wipLimit === null ? ` ${count === 1 ? "ticket" : "tickets"}` : ` tickets, WIP limit ${wipLimit}`}
            {isOverLimit ? ", over the limit" : ""}
          </span>
          {isOverLimit ? <span aria-hidden> ⚠</span> : null}
        </span>
      </div>
      <p id={descriptionId} className="px-1 pb-2 text-[11px] leading-snug text-zinc-600">
        {COLUMN_DESCRIPTIONS[status]}
      </p>
      {refusal ? (
        <p id={refusalId} className="mx-1 mb-2 rounded bg-white px-1.5 py-1 text-xs font-medium leading-snug text-red-800 ring-1 ring-red-200">
          {refusal}
        </p>
      ) : null}
      <div className="flex min-h-24 flex-1 flex-col">
        <SortableContext id={status} items={ids} strategy={verticalListSortingStrategy}>
          <ul aria-label={`${title} tickets`} className="flex flex-col gap-2">
            {tickets.map((ticket) => (
              <SortableTicketCard
                key={ticket.id}
                ticket={ticket}
                projectId={projectId}
                specTitle={ticket.specId ? specTitles.get(ticket.specId) : undefined}
              />
            ))}
          </ul>
        </SortableContext>
        {tickets.length === 0 ? (
          <p className="m-auto px-2 py-6 text-center text-xs text-zinc-600">No tickets</p>
        ) : null}
      </div>
    </section>
  );
});

/**
 * The column's ticket ids, the same array while they do not change: a new array would be a new SortableContext value,
 * and every card of the column would render again because one card's title changed.
 */
function useStableIds(tickets: readonly BoardTicket[]): string[] {
  const [ids, setIds] = useState(() => tickets.map((ticket) => ticket.id));
  const isSame = ids.length === tickets.length && tickets.every((ticket, index) => ticket.id === ids[index]);
  if (isSame) return ids;
  const next = tickets.map((ticket) => ticket.id);
  setIds(next);
  return next;
}
