"use client";

import { keepPreviousData, useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import type { CreateTicketResult } from "@/lib/tickets/create-ticket";
import type { BoardView } from "@/lib/tickets/get-board-view";
import type { CreateTicketInput, TicketDto } from "@/lib/tickets/ticket-schemas";
import { moveTicketInView, type MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";

/** all | mine | unassigned | spec:<specId>, as GET /api/v1/board/view takes it. */
export type BoardScope = string;

export const boardKeys = {
  all: ["board"] as const,
  project: (projectId: string) => [...boardKeys.all, projectId] as const,
  views: (projectId: string) => [...boardKeys.project(projectId), "view"] as const,
  view: (projectId: string, scope: BoardScope) => [...boardKeys.views(projectId), scope] as const,
  /** Mutation key of moves, so polling can tell whether one is in flight. */
  moves: (projectId: string) => [...boardKeys.project(projectId), "move"] as const,
  /** The project's specs, for the spec filter and the cards' spec badges. */
  specs: (projectId: string) => [...boardKeys.project(projectId), "specs"] as const,
};

const BOARD_POLL_MS = 2_000;

/**
 * The board of a project, polled every 2 s because agents move cards too. Polling stops while a card is dragged
 * (`paused`) or a move is in flight: a poll answered before the move landed would put the card back for a moment.
 * Unchanged cards keep their identity between polls (structural sharing), which is what lets memoized cards skip
 * rendering.
 */
export function useBoardView(projectId: string, scope: BoardScope, { paused = false }: { paused?: boolean } = {}) {
  const isMoving = useIsMutating({ mutationKey: boardKeys.moves(projectId) }) > 0;
  return useQuery({
    queryKey: boardKeys.view(projectId, scope),
    queryFn: ({ signal }) => apiFetch<BoardView>(`/api/v1/board/view?${new URLSearchParams({ projectId, scope })}`, { signal }),
    refetchInterval: paused || isMoving ? false : BOARD_POLL_MS,
    // A filter change keeps the cards on screen until the new ones arrive; another project's cards never stand in.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === projectId ? keepPreviousData(previous) : undefined),
  });
}

/** A move as the board asks for it. */
export interface MoveRequest {
  input: MoveTicketInput;
  /**
   * Show the card in its new place before the server answers (the default). False when the board expects a refusal
   * (the column was dimmed with the reason): the card stays put instead of jumping there and back.
   */
  isOptimistic?: boolean;
}

/**
 * POST /api/v1/board/move, with the card moved in the cached board at once unless told otherwise; a refusal puts the
 * board back as it was (the caller says why).
 */
export function useMoveTicket(projectId: string, scope: BoardScope) {
  const queryClient = useQueryClient();
  const queryKey = boardKeys.view(projectId, scope);
  return useMutation({
    mutationKey: boardKeys.moves(projectId),
    mutationFn: async ({ input }: MoveRequest) =>
      (await apiFetch<{ ticket: TicketDto }>("/api/v1/board/move", { method: "POST", body: input })).ticket,
    onMutate: async ({ input, isOptimistic = true }) => {
      // A poll already under way would overwrite the optimistic board with the old one.
      await queryClient.cancelQueries({ queryKey });
      const previous = isOptimistic ? queryClient.getQueryData<BoardView>(queryKey) : undefined;
      if (previous) queryClient.setQueryData<BoardView>(queryKey, moveTicketInView(previous, input));
      return { previous };
    },
    onError: (_error, _request, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
    },
    onSettled: () => {
      // With two moves in flight, refetching when the first settles would show the second undone until it lands.
      if (queryClient.isMutating({ mutationKey: boardKeys.moves(projectId) }) > 1) return;
      return queryClient.invalidateQueries({ queryKey: boardKeys.views(projectId) });
    },
  });
}

export type NewTicketInput = Pick<CreateTicketInput, "title" | "priority"> & { description?: string };

/** POST /api/v1/tickets (quick mode): the ticket lands at the end of the backlog. */
export function useCreateTicket(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTicketInput) =>
      apiFetch<CreateTicketResult>("/api/v1/tickets", { method: "POST", body: { ...input, projectId, workflowMode: "quick" } }),
    // Resolves once the board shows the new card, so the dialog closes onto it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.views(projectId) }),
  });
}

/** GET /api/v1/specs?projectId=: the specs a board can be filtered by and its cards name. */
export function useBoardSpecs(projectId: string) {
  return useQuery({
    queryKey: boardKeys.specs(projectId),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ specs: SpecDto[] }>(`/api/v1/specs?${new URLSearchParams({ projectId })}`, { signal })).specs,
    staleTime: 30_000,
  });
}
