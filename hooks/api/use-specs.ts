"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { SpecDetail } from "@/lib/specs/get-spec-detail";

export const specKeys = {
  all: ["specs"] as const,
  details: () => [...specKeys.all, "detail"] as const,
  detail: (specId: string) => [...specKeys.details(), specId] as const,
};

/** A spec and everything under it; polled every 2 s while its agent or its tickets are at work. */
export function useSpecDetail(specId: string) {
  return useQuery({
    queryKey: specKeys.detail(specId),
    queryFn: ({ signal }) => apiFetch<SpecDetail>(`/api/v1/specs/${encodeURIComponent(specId)}`, { signal }),
    refetchInterval: (query) => {
      const spec = query.state.data?.spec;
      return spec && (spec.generationStatus === "running" || spec.executionStatus === "running") ? 2_000 : false;
    },
  });
}

/** approve / cancel / execute: the spec's one-click actions. */
export function useSpecAction(specId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: "approve" | "cancel" | "execute"; body?: unknown }) =>
      apiFetch(`/api/v1/specs/${encodeURIComponent(specId)}/${action}`, { method: "POST", body }),
    onSettled: () => client.invalidateQueries({ queryKey: specKeys.detail(specId) }),
  });
}
