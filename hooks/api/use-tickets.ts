"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { SandboxDetailDto } from "@/lib/specs/sandbox-dto";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import type { ReopenTicketInput, TicketDto } from "@/lib/tickets/ticket-schemas";
import { boardKeys } from "@/hooks/api/use-board";

export const ticketKeys = {
  all: ["tickets"] as const,
  details: () => [...ticketKeys.all, "detail"] as const,
  detail: (ticketId: string) => [...ticketKeys.details(), ticketId] as const,
  /** Mutation key of ticket creations (POST /api/v1/tickets). */
  creates: () => [...ticketKeys.all, "create"] as const,
};

export const sandboxKeys = {
  all: ["sandboxes"] as const,
  detail: (sandboxId: string) => [...sandboxKeys.all, sandboxId] as const,
};

/**
 * A ticket with its dependencies and task runs; polled every 2 s while a task is queued or running, and every 5 s
 * while its latest work waits for or goes through integration into the spec branch (the worker moves it on).
 */
export function useTicketDetail(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.detail(ticketId),
    queryFn: ({ signal }) => apiFetch<TicketDetail>(`/api/v1/tickets/${encodeURIComponent(ticketId)}`, { signal }),
    refetchInterval: (query) => {
      const tasks = query.state.data?.tasks ?? [];
      if (tasks.some((task) => task.status === "queued" || task.status === "running")) return 2_000;
      const integration = tasks.at(-1)?.integration;
      return integration === "queued" || integration === "integrating" ? 5_000 : false;
    },
  });
}

/** Run / Cancel a ticket's task. */
export function useTicketAction(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "run" | "cancel") => apiFetch(`/api/v1/tickets/${encodeURIComponent(ticketId)}/${action}`, { method: "POST", body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
  });
}

/** Reopen a done ticket (back to the backlog), and with `run` queue a new run of its agent at once. */
export function useReopenTicket(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReopenTicketInput) =>
      apiFetch<{ ticket: TicketDto; taskId: string | null }>(`/api/v1/tickets/${encodeURIComponent(ticketId)}/reopen`, { method: "POST", body: input }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }), client.invalidateQueries({ queryKey: boardKeys.all })]),
  });
}

/** A sandbox's state and log tail; polled every 2 s until it has ended. */
export function useSandboxDetail(sandboxId: string) {
  return useQuery({
    queryKey: sandboxKeys.detail(sandboxId),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ sandbox: SandboxDetailDto }>(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}`, { signal })).sandbox,
    refetchInterval: (query) => (query.state.data && !["creating", "running"].includes(query.state.data.status) ? false : 2_000),
  });
}
