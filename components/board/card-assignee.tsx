"use client";

import { useCallback, useId, useRef, useState } from "react";
import type { BoardTicket } from "@/lib/tickets/get-board-view";
import { AssigneeMenu } from "@/components/board/assignee-menu";
import { initialsOf } from "@/components/board/initials-of";

/** Who a card is assigned to, in words (an assignee who left the organization has no name on the board). */
export const assigneeLabel = (ticket: Pick<BoardTicket, "assigneeId" | "assigneeName">) =>
  ticket.assigneeId ? `Assigned to ${ticket.assigneeName ?? "a former member"}` : "Unassigned";

/** The assignee's initials, or an empty dashed circle; a picture only (the words are next to it). */
export function AssigneeAvatar({ name }: { name: string | null }) {
  if (!name) {
    return (
      <span aria-hidden className="grid size-6 place-items-center rounded-full border border-dashed border-zinc-400 text-zinc-500">
        <svg viewBox="0 0 24 24" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
          <circle cx="10" cy="8" r="3.5" />
          <path d="M3.5 19a6.5 6.5 0 0 1 11.5-4M18 14v6M15 17h6" />
        </svg>
      </span>
    );
  }
  return (
    <span aria-hidden className="grid size-6 place-items-center rounded-full bg-indigo-100 text-[10px] font-semibold text-indigo-800">
      {initialsOf(name)}
    </span>
  );
}

/**
 * The card's assignee: its avatar is the button ("Assign OMOI-3") that opens the assign menu, and the assignee's name
 * is the card's text for screen readers (and the button's description).
 */
export function CardAssignee({ ticket, projectId }: { ticket: BoardTicket; projectId: string }) {
  const [isOpen, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const labelId = useId();
  const label = assigneeLabel(ticket);
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);
  return (
    <>
      <span id={labelId} className="sr-only">
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Assign ${ticket.key}`}
        aria-describedby={labelId}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        title={label}
        onClick={() => setOpen((open) => !open)}
        className="shrink-0 rounded-full hover:ring-2 hover:ring-indigo-200 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
      >
        <AssigneeAvatar name={ticket.assigneeId ? (ticket.assigneeName ?? "?") : null} />
      </button>
      {isOpen ? <AssigneeMenu ticket={ticket} projectId={projectId} anchor={buttonRef} onClose={close} /> : null}
    </>
  );
}
