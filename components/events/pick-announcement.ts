import type { StoredEventDto } from "@/lib/events/list-events";
import { isAnnouncedEvent } from "./event-categories";
import { summarizeEvent } from "./summarize-event";

/** At most this many changes are read out at once; a burst would otherwise be a paragraph. */
const MAX_ANNOUNCED = 2;

/** What to read out for the events after `afterSeq`: the latest phase changes, or null when none happened. */
export function pickAnnouncement(events: readonly StoredEventDto[], afterSeq: number): string | null {
  const picked: string[] = [];
  // Walk back from the newest: new events are at the end, so this stops after a handful even with 10,000 held.
  for (let i = events.length - 1; i >= 0 && picked.length < MAX_ANNOUNCED; i--) {
    const event = events[i]!;
    if (event.seq <= afterSeq) break;
    if (isAnnouncedEvent(event.type)) picked.unshift(summarizeEvent(event).text);
  }
  return picked.length ? picked.join(". ") : null;
}
