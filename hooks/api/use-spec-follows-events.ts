"use client";

import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useEventStream } from "@/hooks/api/use-events";
import { specKeys } from "@/hooks/api/use-specs";

/** Events that change nothing the spec's status shows: the agents' chatter and liveness. */
const QUIET_EVENTS: ReadonlySet<string> = new Set(["spec.heartbeat", "spec.progress", "agent.message", "agent.tool_use", "task.commit", "task.tests_started"]);

/**
 * The spec's status (line, bars, stepper) is read from its polled detail only, and the event timeline polls more
 * often: when the timeline receives an event that changes the spec's state (a phase passed, a ticket integrated…),
 * the detail is fetched again at once, so the status never trails the timeline by a poll. Reads the timeline's query
 * (same key) without polling it itself, so no request is added.
 */
export function useSpecFollowsEvents(specId: string) {
  const queryClient = useQueryClient();
  // Not live: the timeline's observer polls; a second interval on the same query would double its requests.
  const { events } = useEventStream(`/api/v1/specs/${encodeURIComponent(specId)}/events`, { live: false });
  const seen = useRef<number | null>(null);

  useEffect(() => {
    const newest = events.at(-1)?.seq ?? 0;
    // The first page is history the detail already reflects.
    if (seen.current === null) {
      seen.current = newest;
      return;
    }
    const since = seen.current;
    seen.current = newest;
    // From the newest back to the last one seen: a long timeline is not walked on every poll.
    let changesState = false;
    for (let i = events.length - 1; i >= 0 && events[i]!.seq > since && !changesState; i--) changesState = !QUIET_EVENTS.has(events[i]!.type);
    if (changesState) void queryClient.invalidateQueries({ queryKey: specKeys.detail(specId), exact: true });
  }, [events, specId, queryClient]);
}
