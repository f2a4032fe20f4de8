"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import { errorBodySchema } from "@/lib/http/errors";
import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import type { SpecDto, StoppedSpecAgentsDto } from "@/lib/specs/spec-schemas";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";
import { isSpecLive } from "@/lib/specs/spec-schemas";

export const specKeys = {
  all: ["specs"] as const,
  lists: () => [...specKeys.all, "list"] as const,
  list: (projectId: string) => [...specKeys.lists(), projectId] as const,
  details: () => [...specKeys.all, "detail"] as const,
  detail: (specId: string) => [...specKeys.details(), specId] as const,
  tickets: (specId: string) => [...specKeys.detail(specId), "tickets"] as const,
  /** A phase's passed outputs; `count` (how many the spec's detail lists) makes a new revision a new query. */
  revisions: (specId: string, phase: string, count: number) => [...specKeys.detail(specId), "revisions", phase, count] as const,
  /** Mutation key of spec creations (POST /api/v1/specs), so any view can tell one is in flight. */
  creates: () => [...specKeys.all, "create"] as const,
};

const specPath = (specId: string) => `/api/v1/specs/${encodeURIComponent(specId)}`;

/** A project's specs, newest first; refreshed every 5 s while any of them is at work. */
export function useSpecs(projectId: string) {
  return useQuery({
    queryKey: specKeys.list(projectId),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ specs: SpecDto[] }>(`/api/v1/specs?${new URLSearchParams({ projectId })}`, { signal })).specs,
    refetchInterval: (query) => (query.state.data?.some(isSpecLive) ? 5_000 : false),
  });
}

/**
 * A spec and everything under it; polled every 2 s while its agent or its tickets are at work, and every 15 s while it
 * waits for approval (someone may approve it from elsewhere).
 */
export function useSpecDetail(specId: string) {
  return useQuery({
    queryKey: specKeys.detail(specId),
    queryFn: ({ signal }) => apiFetch<SpecDetail>(specPath(specId), { signal }),
    refetchInterval: (query) => {
      const spec = query.state.data?.spec;
      if (!spec) return false;
      if (isSpecLive(spec)) return 2_000;
      return spec.generationStatus === "awaiting_approval" ? 15_000 : false;
    },
  });
}

/** The tickets made from a spec's tasks; polled every 2 s while they run. */
export function useSpecTickets({ projectId, specId, live }: { projectId: string; specId: string; live: boolean }) {
  return useQuery({
    queryKey: specKeys.tickets(specId),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ tickets: TicketDto[] }>(`/api/v1/tickets?${new URLSearchParams({ projectId, specId })}`, { signal })).tickets,
    refetchInterval: live ? 2_000 : false,
  });
}

function useInvalidateSpec(specId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: specKeys.detail(specId) }),
      queryClient.invalidateQueries({ queryKey: specKeys.lists() }),
    ]);
}

/** approve / cancel / execute: the spec's one-click actions. */
export function useSpecAction(specId: string) {
  const invalidate = useInvalidateSpec(specId);
  return useMutation({
    mutationFn: ({ action, body }: { action: "approve" | "cancel" | "execute"; body?: unknown }) =>
      apiFetch<{ spec: SpecDto }>(`${specPath(specId)}/${action}`, { method: "POST", body }),
    onSettled: invalidate,
  });
}

/** Stop every agent of the spec (its planning, its tickets' queued and running tasks). */
export function useStopSpecAgents(specId: string) {
  const invalidate = useInvalidateSpec(specId);
  return useMutation({
    mutationFn: () => apiFetch<StoppedSpecAgentsDto>(`${specPath(specId)}/stop`, { method: "POST" }),
    // The detail's key is the tickets' prefix: their list refreshes with it.
    onSettled: invalidate,
  });
}

export type RedoPhase = "explore" | "requirements" | "design" | "tasks";

/** Redo a phase with a reviewer's feedback (later phases are invalidated). */
export function useRequestChanges(specId: string) {
  const invalidate = useInvalidateSpec(specId);
  return useMutation({
    mutationFn: (input: { phase: RedoPhase; feedback: string }) =>
      apiFetch<{ spec: SpecDto }>(`${specPath(specId)}/request-changes`, { method: "POST", body: input }),
    onSettled: invalidate,
  });
}

/** Make the tickets of the spec's tasks (idempotent) and queue them. */
export function useExecuteTasks(specId: string) {
  const invalidate = useInvalidateSpec(specId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { specTaskIds?: string[] } = {}) =>
      apiFetch<{ created: string[]; ticketIds: string[]; queued: number }>(`${specPath(specId)}/execute-tasks`, { method: "POST", body: input }),
    onSettled: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: specKeys.tickets(specId) })]),
  });
}

/** Downloads the spec as a markdown file (fetched first, so a failure is an error message rather than a saved error page). */
export function useExportSpec(specId: string) {
  return useMutation({
    mutationFn: async () => {
      const response = await fetch(`${specPath(specId)}/export?format=markdown`, { credentials: "same-origin" });
      if (!response.ok) {
        const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
        if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
        throw new ApiError(response.status, "http_error", `Export failed (${response.status})`);
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "spec.md";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next tick: some browsers start the download asynchronously after click().
      setTimeout(() => URL.revokeObjectURL(url), 0);
      return filename;
    },
  });
}
