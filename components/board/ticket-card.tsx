"use client";

import Link from "next/link";
import { memo, type ReactNode } from "react";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { BoardTicket } from "@/lib/tickets/get-board-view";
import { AssigneeAvatar, CardAssignee } from "@/components/board/card-assignee";
import { Badge } from "@/components/ui/badge";

const PRIORITY: Record<BoardTicket["priority"], { label: string; tone: "neutral" | "accent" | "warning" | "danger" }> = {
  LOW: { label: "Low", tone: "neutral" },
  MEDIUM: { label: "Medium", tone: "accent" },
  HIGH: { label: "High", tone: "warning" },
  CRITICAL: { label: "Critical", tone: "danger" },
};

export const ticketHref = (projectId: string, ticketId: string) =>
  `/projects/${encodeURIComponent(projectId)}/tickets/${encodeURIComponent(ticketId)}`;

interface TicketCardProps {
  ticket: BoardTicket;
  projectId: string;
  specTitle: string | undefined;
}

/**
 * A board card in its list. Memoized: between polls unchanged tickets keep their identity, so of 500 cards only the
 * changed ones render. The drag handle, not the card, carries the drag listeners, so the title stays a plain link and
 * the assignee a plain button.
 */
export const SortableTicketCard = memo(function SortableTicketCard({ ticket, projectId, specTitle }: TicketCardProps) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: ticket.id,
    attributes: { roleDescription: "draggable ticket" },
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      // While its copy follows the pointer, the card leaves an empty slot where it would land (its content hidden, not
      // faded: faded text would be text below 4.5:1 contrast).
      className={isDragging ? "rounded-md bg-indigo-50/60 outline-2 outline-dashed outline-indigo-300 *:invisible" : undefined}
    >
      <TicketCardBody
        ticket={ticket}
        projectId={projectId}
        specTitle={specTitle}
        handle={
          <button
            ref={setActivatorNodeRef}
            type="button"
            {...attributes}
            {...listeners}
            aria-label={`Move ${ticket.key}`}
            className="grid size-6 shrink-0 cursor-grab touch-none place-items-center rounded text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 active:cursor-grabbing"
          >
            <GripIcon />
          </button>
        }
        assignee={<CardAssignee ticket={ticket} projectId={projectId} />}
      />
    </li>
  );
});

/** The copy under the pointer while dragging: a picture of the card, hidden from assistive tech and not focusable. */
export function TicketCardPreview({ ticket, specTitle }: { ticket: BoardTicket; specTitle: string | undefined }) {
  return (
    <div aria-hidden className="rotate-1 cursor-grabbing shadow-lg">
      <TicketCardBody
        ticket={ticket}
        specTitle={specTitle}
        handle={
          <span className="grid size-6 shrink-0 place-items-center rounded text-zinc-500">
            <GripIcon />
          </span>
        }
        assignee={<AssigneeAvatar name={ticket.assigneeId ? (ticket.assigneeName ?? "?") : null} />}
      />
    </div>
  );
}

function TicketCardBody({
  ticket,
  projectId,
  specTitle,
  handle,
  assignee,
}: {
  ticket: BoardTicket;
  /** Absent for the drag preview, whose title is not a link. */
  projectId?: string;
  specTitle: string | undefined;
  handle: ReactNode;
  /** Beside the title: the assign button on the board, the avatar alone in the drag preview. */
  assignee: ReactNode;
}) {
  const priority = PRIORITY[ticket.priority];
  const titleClasses = "block min-w-0 flex-1 break-words text-sm font-medium leading-snug text-zinc-900";
  return (
    <div
      className={[
        "rounded-md border bg-white p-2 shadow-xs",
        ticket.isBlocked
          ? "border-red-300 border-l-4 border-l-red-500 bg-[repeating-linear-gradient(135deg,var(--color-red-50)_0_6px,var(--color-white)_6px_12px)]"
          : "border-zinc-200",
      ].join(" ")}
    >
      <div className="flex items-center gap-1.5">
        {handle}
        <span className="font-mono text-[11px] text-zinc-500">{ticket.key}</span>
        {ticket.running ? <RunningIndicator /> : null}
        <span className="ml-auto">
          <Badge tone={priority.tone}>
            <span className="sr-only">Priority: </span>
            {priority.label}
          </Badge>
        </span>
      </div>
      <div className="mt-1 flex items-start gap-1.5">
        {projectId ? (
          <Link
            href={ticketHref(projectId, ticket.id)}
            // Hundreds of cards in view would each prefetch their ticket page.
            prefetch={false}
            className={`${titleClasses} rounded-sm hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600`}
          >
            {ticket.title}
          </Link>
        ) : (
          <span className={titleClasses}>{ticket.title}</span>
        )}
        {assignee}
      </div>
      {ticket.isBlocked ? (
        <p className="mt-1 flex items-start gap-1 text-xs font-medium text-red-700">
          <BlockedIcon />
          <span className="min-w-0 break-words">Blocked{ticket.blockedReason ? `: ${ticket.blockedReason}` : ""}</span>
        </p>
      ) : null}
      {specTitle || ticket.dependencyCount > 0 ? (
        <div className="mt-1.5 flex min-w-0 items-center gap-2 text-[11px] text-zinc-500">
          {specTitle ? (
            <span title={specTitle} className="min-w-0 truncate rounded bg-zinc-100 px-1.5 py-0.5 font-medium text-zinc-600">
              <span className="sr-only">Spec: </span>
              {specTitle}
            </span>
          ) : null}
          {ticket.dependencyCount > 0 ? (
            <span className="flex shrink-0 items-center gap-0.5">
              <DependencyIcon />
              <span aria-hidden>
                {ticket.dependencyCount} {ticket.dependencyCount === 1 ? "dep" : "deps"}
              </span>
              <span className="sr-only">
                {ticket.dependencyCount} {ticket.dependencyCount === 1 ? "dependency" : "dependencies"}
              </span>
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function RunningIndicator() {
  return (
    <span className="flex items-center" title="Agent running">
      <span aria-hidden className="relative flex size-2">
        <span className="absolute inline-flex size-full rounded-full bg-emerald-400 opacity-75 motion-safe:animate-ping" />
        <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
      </span>
      <span className="sr-only">agent running</span>
    </span>
  );
}

const iconProps = {
  "aria-hidden": true,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
} as const;

function GripIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="currentColor">
      {[6, 12, 18].flatMap((y) => [9, 15].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.6} />))}
    </svg>
  );
}

function BlockedIcon() {
  return (
    <svg {...iconProps} className="mt-px size-3.5 shrink-0">
      <circle cx="12" cy="12" r="9" />
      <path d="M5.6 5.6l12.8 12.8" />
    </svg>
  );
}

function DependencyIcon() {
  return (
    <svg {...iconProps} className="size-3">
      <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
      <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
    </svg>
  );
}
