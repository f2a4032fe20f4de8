"use client";

import { useEffect, useRef, useState } from "react";
import type { StoredEventDto } from "@/lib/events/list-events";
import { pickAnnouncement } from "./pick-announcement";

/**
 * The text of the timeline's polite live region: the phase changes (and run endings) that arrived since the last
 * poll. Nothing is read out for the backlog loaded on open — only once `ready` (the first load is complete) do new
 * events count.
 */
export function useEventAnnouncement(events: readonly StoredEventDto[], { ready }: { ready: boolean }): string {
  const seenUpTo = useRef<number | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    const lastSeq = events.at(-1)?.seq ?? 0;
    if (seenUpTo.current === null) {
      if (ready) seenUpTo.current = lastSeq;
      return;
    }
    const text = pickAnnouncement(events, seenUpTo.current);
    seenUpTo.current = Math.max(seenUpTo.current, lastSeq);
    if (text) setMessage(text);
  }, [events, ready]);
  return message;
}
