"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { SearchHit } from "@/lib/search/search-schemas";

export const searchKeys = {
  all: ["search"] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

/** The palette's search; keeps the previous hits on screen while the next query is in flight (no flashing). */
export function useSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: searchKeys.query(trimmed),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ results: SearchHit[] }>(`/api/v1/search?${new URLSearchParams({ q: trimmed, limit: "20" })}`, { signal })).results,
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
