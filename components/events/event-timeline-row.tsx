"use client";

import { memo } from "react";
import type { EventCategory } from "./event-categories";
import { EventDetails } from "./event-details";
import { summarizeEvent, type EventTone } from "./summarize-event";
import { formatEventTime, heartbeatLabel, type TimelineRow } from "./timeline-rows";

const TONE_CLASSES: Record<EventTone, string> = {
  error: "border-l-red-500 bg-red-50 text-red-900",
  warning: "border-l-amber-400 bg-amber-50/60 text-zinc-900",
  success: "border-l-emerald-500 text-zinc-900",
  info: "border-l-transparent text-zinc-800",
  muted: "border-l-transparent text-zinc-500",
};

const TAG: Record<EventCategory, string> = {
  phase: "phase",
  eval: "eval",
  tool: "tool",
  model: "model",
  message: "message",
  task: "task",
  sandbox: "sandbox",
  error: "error",
  heartbeat: "heartbeat",
  other: "event",
};

/**
 * One row of the timeline: time, kind, a readable line, and its details on demand (readable, or raw). Memoized so a poll that appends
 * events re-renders only the rows that changed.
 */
export const EventTimelineRow = memo(function EventTimelineRow({
  row,
  expanded,
  onToggle,
}: {
  row: TimelineRow;
  expanded: boolean;
  onToggle: (key: string) => void;
}) {
  if (row.kind === "heartbeats") {
    const time = formatEventTime(row.last.createdAt);
    return (
      <div className="flex items-baseline gap-2 border-b border-l-2 border-b-zinc-100 border-l-transparent px-3 py-1 text-xs text-zinc-500">
        <time dateTime={row.last.createdAt} className="w-16 shrink-0 font-mono tabular-nums">
          {time}
        </time>
        <span className="w-16 shrink-0 text-[10px] uppercase tracking-wide text-zinc-500">heartbeat</span>
        <span className="min-w-0 flex-1">{heartbeatLabel(row.count, time)}</span>
      </div>
    );
  }

  const { event } = row;
  const summary = summarizeEvent(event);
  const detailId = `event-detail-${event.seq}`;
  return (
    <div className={`border-b border-l-2 border-b-zinc-100 text-xs ${TONE_CLASSES[summary.tone]}`}>
      <div className="flex items-baseline gap-2 px-3 py-1">
        <time dateTime={event.createdAt} className="w-16 shrink-0 font-mono tabular-nums text-zinc-500">
          {formatEventTime(event.createdAt)}
        </time>
        <span className={`w-16 shrink-0 text-[10px] uppercase tracking-wide ${summary.tone === "error" ? "font-semibold text-red-700" : "text-zinc-500"}`}>
          {TAG[row.category]}
        </span>
        <p className="min-w-0 flex-1 break-words">
          {summary.tone === "error" ? <span className="sr-only">Error: </span> : null}
          {summary.text}
        </p>
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={expanded ? detailId : undefined}
          onClick={() => onToggle(row.key)}
          className="shrink-0 cursor-pointer rounded px-1 text-[11px] text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {/* The name stays "Details"; aria-expanded says whether it is open. */}
          <span aria-hidden>{expanded ? "▾ " : "▸ "}</span>
          Details<span className="sr-only"> of event {event.seq}</span>
        </button>
      </div>
      {expanded ? <EventDetails event={event} id={detailId} /> : null}
    </div>
  );
});
