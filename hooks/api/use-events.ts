"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { EventPage } from "@/lib/events/list-events";
import { EMPTY_EVENT_STREAM, mergeEventPage, nextPageUrl, type EventStreamState } from "@/lib/events/merge-event-pages";

/** The API's page cap (MAX_EVENTS_PER_PAGE); fewer, fuller requests while catching up. */
const PAGE_SIZE = 500;
/** At most 20,000 events per poll: a long backlog loads over a few polls instead of one endless request chain. */
const MAX_PAGES_PER_POLL = 40;
const LIVE_INTERVAL_MS = 1_500;

export const eventKeys = {
  all: ["events"] as const,
  streams: () => [...eventKeys.all, "stream"] as const,
  /** `path` is the stream's endpoint, e.g. /api/v1/specs/{id}/events or /api/v1/sandboxes/{id}/events. */
  stream: (path: string) => [...eventKeys.streams(), path] as const,
};

/**
 * Every event of one stream, kept in the query cache and grown incrementally: each poll asks only for what came after
 * the cursor it already holds (following `hasMore` at once), so a refetch — interval, focus or retry — never starts
 * again from the beginning. Polls every 1.5 s while `live`; when it stops being live, one last poll collects the events
 * written as the run ended.
 */
export function useEventStream(path: string, { live }: { live: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = eventKeys.stream(path);

  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }) => {
      let state = queryClient.getQueryData<EventStreamState>(queryKey) ?? EMPTY_EVENT_STREAM;
      for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
        const data = await apiFetch<EventPage>(nextPageUrl(path, state.cursor, PAGE_SIZE), { signal });
        state = mergeEventPage(state, data);
        if (!data.hasMore) break;
        // Show a long backlog as it arrives, and keep it if a later page fails (the retry resumes from here).
        queryClient.setQueryData(queryKey, state);
      }
      return state;
    },
    // The merge keeps the old object when nothing changed; deep-comparing 10,000 events on every poll would not.
    structuralSharing: false,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    refetchOnWindowFocus: false,
    staleTime: live ? 0 : 30_000,
  });

  const wasLive = useRef(live);
  const { refetch } = query;
  useEffect(() => {
    if (wasLive.current && !live) void refetch();
    wasLive.current = live;
  }, [live, refetch]);

  const data = query.data ?? EMPTY_EVENT_STREAM;
  // Named fields rather than a spread: reading every field would subscribe the caller to every fetch-state change.
  return {
    events: data.events,
    cursor: data.cursor,
    isPending: query.isPending,
    isError: query.isError,
    isFetching: query.isFetching,
    error: query.error,
    refetch,
  };
}
