import type { StoredEventDto } from "@/lib/events/list-events";

/** A stream as the client holds it: every event seen so far, ascending by seq, and where to ask next. */
export interface EventStreamState {
  events: StoredEventDto[];
  cursor: number;
}

export const EMPTY_EVENT_STREAM: EventStreamState = { events: [], cursor: 0 };

/**
 * Adds one page to the stream. Events already held are dropped (a retried poll, or pages that overlap after a
 * cancelled fetch), and the state object is returned unchanged when nothing is new, so a quiet poll re-renders
 * nothing even with 10,000 events held.
 */
export function mergeEventPage(state: EventStreamState, page: { events: readonly StoredEventDto[]; nextCursor: number }): EventStreamState {
  const cursor = Math.max(state.cursor, page.nextCursor);
  const lastSeq = state.events.at(-1)?.seq ?? Number.NEGATIVE_INFINITY;
  const fresh: StoredEventDto[] = [];
  let ordered = true;
  let previous = lastSeq;
  for (const event of page.events) {
    if (event.seq <= previous) {
      ordered = false;
      break;
    }
    fresh.push(event);
    previous = event.seq;
  }
  if (ordered) {
    if (fresh.length === 0 && cursor === state.cursor) return state;
    return { events: fresh.length === 0 ? state.events : state.events.concat(fresh), cursor };
  }
  // The server pages in ascending seq, so this only runs for overlapping or out-of-order input.
  const bySeq = new Map<number, StoredEventDto>();
  for (const event of state.events) bySeq.set(event.seq, event);
  let added = 0;
  for (const event of page.events) {
    if (bySeq.has(event.seq)) continue;
    bySeq.set(event.seq, event);
    added++;
  }
  if (added === 0 && cursor === state.cursor) return state;
  const events = added === 0 ? state.events : [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { events, cursor };
}

/** Several pages in order (what one poll fetched). */
export function mergeEventPages(state: EventStreamState, pages: readonly { events: readonly StoredEventDto[]; nextCursor: number }[]): EventStreamState {
  return pages.reduce(mergeEventPage, state);
}

/** The query string of the next poll; `path` may already carry its own query. */
export function nextPageUrl(path: string, cursor: number, limit: number): string {
  const separator = path.includes("?") ? "&" : "?";
  return `${path}${separator}after=${cursor}&limit=${limit}`;
}
