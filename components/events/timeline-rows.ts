import type { StoredEventDto } from "@/lib/events/list-events";
import { categorizeEvent, EVENT_CATEGORIES, type EventCategory } from "./event-categories";

export type TimelineRow =
  | { kind: "event"; key: string; event: StoredEventDto; category: EventCategory }
  /** A run of consecutive heartbeats shown as one row; keyed by its first, so it stays put while it grows. */
  | { kind: "heartbeats"; key: string; count: number; first: StoredEventDto; last: StoredEventDto };

type EventRow = Extract<TimelineRow, { kind: "event" }>;
// One row object per event for as long as the event is held, so memoized rows skip re-rendering when a poll appends.
const eventRows = new WeakMap<StoredEventDto, EventRow>();

/**
 * The rows the timeline renders: the events of the visible categories, with each run of consecutive heartbeats
 * (consecutive among what is shown) folded into one row, so a quiet agent does not bury the events that matter.
 */
export function buildTimelineRows(events: readonly StoredEventDto[], visible: ReadonlySet<EventCategory>): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const event of events) {
    const category = categorizeEvent(event.type);
    if (!visible.has(category)) continue;
    if (category === "heartbeat") {
      const previous = rows.at(-1);
      if (previous?.kind === "heartbeats") {
        rows[rows.length - 1] = { ...previous, count: previous.count + 1, last: event };
      } else {
        rows.push({ kind: "heartbeats", key: `hb-${event.seq}`, count: 1, first: event, last: event });
      }
      continue;
    }
    let row = eventRows.get(event);
    if (!row) {
      row = { kind: "event", key: `e-${event.seq}`, event, category };
      eventRows.set(event, row);
    }
    rows.push(row);
  }
  return rows;
}

/** How many events each chip would show. */
export function countByCategory(events: readonly StoredEventDto[]): Record<EventCategory, number> {
  const counts = Object.fromEntries(EVENT_CATEGORIES.map((category) => [category, 0])) as Record<EventCategory, number>;
  for (const event of events) counts[categorizeEvent(event.type)]++;
  return counts;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** 24-hour local time with seconds ("10:41:03"): events are seconds apart, the date is rarely what matters. */
export const formatEventTime = (iso: string) => timeFormat.format(new Date(iso));

export function heartbeatLabel(count: number, lastTime: string): string {
  return `${count} heartbeat${count === 1 ? "" : "s"}, last ${lastTime}`;
}
