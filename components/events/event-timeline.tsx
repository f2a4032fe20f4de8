"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEventStream } from "@/hooks/api/use-events";
import { ApiErrorAlert, errorMessage } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { LoadingBlock } from "@/components/ui/spinner";
import { EVENT_CATEGORIES, type EventCategory } from "./event-categories";
import { EventTimelineRow } from "./event-timeline-row";
import { EventTypeFilter } from "./event-type-filter";
import { buildTimelineRows, countByCategory } from "./timeline-rows";
import { useEventAnnouncement } from "./use-event-announcement";

export interface EventTimelineProps {
  /** The stream's endpoint: /api/v1/specs/{id}/events, /api/v1/sandboxes/{id}/events, … */
  path: string;
  /** Poll for new events (the owner's run is not over). */
  live: boolean;
  title?: string;
  className?: string;
}

/** Within this many pixels of the end counts as "at the latest" (sub-pixel rounding, a last partly shown row). */
const END_THRESHOLD_PX = 8;

/**
 * A stream's events as a live, virtualized log: thousands of rows stay smooth because only those on screen are
 * mounted. It follows new events while the reader is at the end and stays put once they scroll up.
 */
export function EventTimeline({ path, live, title = "Events", className }: EventTimelineProps) {
  const stream = useEventStream(path, { live });
  const [visible, setVisible] = useState<ReadonlySet<EventCategory>>(() => new Set(EVENT_CATEGORIES));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => buildTimelineRows(stream.events, visible), [stream.events, visible]);
  const counts = useMemo(() => countByCategory(stream.events), [stream.events]);
  const shownCount = EVENT_CATEGORIES.reduce((sum, category) => sum + (visible.has(category) ? counts[category] : 0), 0);
  const announcement = useEventAnnouncement(stream.events, { ready: !stream.isPending && !stream.isFetching });

  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 26,
    overscan: 12,
    getItemKey: (index) => rows[index]?.key ?? index,
    // Keep the reader's row in place when rows change, and follow appended rows only while at the end.
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: END_THRESHOLD_PX,
  });

  // Opens at the newest event, then stays there as rows arrive while the reader is at the end. The virtualizer's
  // follow-on-append does the same; this also covers the first batch, which lands before any scroll position exists.
  const atEndRef = useRef(true);
  useEffect(() => {
    if (atEndRef.current && rows.length > 0) virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const isAtEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= END_THRESHOLD_PX;
    atEndRef.current = isAtEnd;
    setAtEnd(isAtEnd);
  };

  const jumpToLatest = () => {
    virtualizer.scrollToEnd();
    atEndRef.current = true;
    setAtEnd(true);
    // The button disappears; keep focus on the list rather than losing it to the page.
    scrollRef.current?.focus();
  };

  const toggle = useCallback((key: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const total = stream.events.length;
  const filtered = shownCount !== total;
  return (
    <section aria-label="Event timeline" className={`flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white shadow-xs ${className ?? ""}`}>
      <div className="space-y-2 border-b border-zinc-200 px-3 py-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          <p className="flex items-center gap-2 text-xs text-zinc-500">
            {live ? (
              <span className="inline-flex items-center gap-1 text-emerald-700">
                <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
                Live
              </span>
            ) : null}
            {/* One text node, so "12 events" reads (and matches) as one string. */}
            <span>{`${total} ${total === 1 ? "event" : "events"}${filtered ? ` · ${shownCount} shown` : ""}`}</span>
          </p>
        </div>
        <EventTypeFilter visible={visible} counts={counts} onChange={setVisible} />
      </div>

      {stream.isError && total > 0 ? (
        <p role="alert" className="flex items-center justify-between gap-2 bg-red-50 px-3 py-1 text-xs text-red-800">
          <span>Updates paused: {errorMessage(stream.error)}</span>
          <Button size="sm" variant="ghost" onClick={() => void stream.refetch()}>
            Retry
          </Button>
        </p>
      ) : null}

      <div className="relative">
        {/* Always mounted, so the virtualizer has its element before the first events arrive. */}
        <div ref={scrollRef} onScroll={onScroll} tabIndex={0} className="h-[28rem] overflow-auto overscroll-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
          {stream.isPending ? (
            <LoadingBlock label="Loading events…" />
          ) : stream.isError && total === 0 ? (
            <div className="space-y-2 p-3">
              <ApiErrorAlert error={stream.error} />
              <Button size="sm" variant="secondary" onClick={() => void stream.refetch()}>
                Try again
              </Button>
            </div>
          ) : rows.length === 0 ? (
            <p className="px-3 py-12 text-center text-sm text-zinc-500">
              {total > 0 ? "No events of the selected types." : live ? "Waiting for the first event…" : "No events yet."}
            </p>
          ) : (
            <div role="list" aria-label="Events" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <div
                    key={item.key.toString()}
                    role="listitem"
                    aria-setsize={rows.length}
                    aria-posinset={item.index + 1}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute left-0 top-0 w-full"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <EventTimelineRow row={row} expanded={expanded.has(row.key)} onToggle={toggle} />
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {!atEnd && rows.length > 0 ? (
          <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
            <Button size="sm" className="pointer-events-auto shadow-md" onClick={jumpToLatest}>
              Jump to latest
            </Button>
          </div>
        ) : null}
      </div>

      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>
    </section>
  );
}
