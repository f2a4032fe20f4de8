"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import { DIFF_PAGE_SIZE, type DiffDto, type TicketDiffDto } from "@/lib/repos/diff-schemas";

export const diffKeys = {
  all: ["diffs"] as const,
  tickets: () => [...diffKeys.all, "ticket"] as const,
  /** Every version of a ticket's diff (what to invalidate). */
  ticket: (ticketId: string) => [...diffKeys.tickets(), ticketId] as const,
  /** One version: the key changes when new work is delivered, so the diff is fetched again by itself. */
  ticketVersion: (ticketId: string, version: string) => [...diffKeys.ticket(ticketId), version] as const,
  specs: () => [...diffKeys.all, "spec"] as const,
  spec: (specId: string) => [...diffKeys.specs(), specId] as const,
  specVersion: (specId: string, version: string) => [...diffKeys.spec(specId), version] as const,
};

const pageQuery = (offset: number) => new URLSearchParams({ offset: String(offset), limit: String(DIFF_PAGE_SIZE) });

/**
 * A paged diff: the first page lists every file with its numbers and the patches of the first DIFF_PAGE_SIZE files;
 * `fetchNextPage` brings the next files' patches (components/diff/merge-diff-pages.ts puts the pages together).
 */
function useDiffPages<T extends DiffDto>(queryKey: readonly unknown[], path: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => apiFetch<T>(`${path}?${pageQuery(pageParam)}`, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.page.nextOffset ?? undefined,
    enabled,
    // A new version keeps the old diff on screen until it arrives, instead of a spinner in its place.
    placeholderData: keepPreviousData,
  });
}

/**
 * A ticket's delivered work (its base...delivered commit) and the last test run of it. `version` names what the diff
 * depends on (the latest task and its delivered and integrated commits), so a new delivery refetches it.
 */
export function useTicketDiff(ticketId: string, { version, enabled = true }: { version: string; enabled?: boolean }) {
  return useDiffPages<TicketDiffDto>(diffKeys.ticketVersion(ticketId, version), `/api/v1/tickets/${encodeURIComponent(ticketId)}/diff`, enabled);
}

/** What a spec branch holds beyond the default branch: every ticket integrated so far. */
export function useSpecDiff(specId: string, { version, enabled = true }: { version: string; enabled?: boolean }) {
  return useDiffPages<DiffDto>(diffKeys.specVersion(specId, version), `/api/v1/specs/${encodeURIComponent(specId)}/diff`, enabled);
}
