"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { ReviewAction, ReviewCommentDto, ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { diffKeys } from "@/hooks/api/use-diffs";
import { ticketKeys } from "@/hooks/api/use-tickets";
import { boardKeys } from "@/hooks/api/use-board";

export const reviewKeys = {
  all: ["review"] as const,
  /** Every version of a ticket's comments (what to invalidate and update). */
  comments: (ticketId: string) => [...reviewKeys.all, "comments", ticketId] as const,
  /** One version: the key changes with each delivery, which may have addressed comments, so they are fetched again. */
  commentsVersion: (ticketId: string, version: string) => [...reviewKeys.comments(ticketId), version] as const,
};

const ticketPath = (ticketId: string) => `/api/v1/tickets/${encodeURIComponent(ticketId)}`;

/**
 * A ticket's line comments, oldest first, each open or addressed (by a later delivery). `version` is the ticket
 * diff's (components/tickets/delivery-state.ts): the server marks comments addressed when it accepts a delivery, and
 * nothing else would tell this page to ask again.
 */
export function useTicketComments(ticketId: string, { version, enabled = true }: { version: string; enabled?: boolean }) {
  return useQuery({
    queryKey: reviewKeys.commentsVersion(ticketId, version),
    queryFn: async ({ signal }) => (await apiFetch<{ comments: ReviewCommentDto[] }>(`${ticketPath(ticketId)}/comments`, { signal })).comments,
    enabled,
    // The comments stay under their lines while the new version is fetched.
    placeholderData: keepPreviousData,
  });
}

/** Writes a comment on a line of the ticket's diff (a draft until "Request changes" sends it); 422 when the line is not in the diff. */
export function useAddReviewComment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ReviewCommentInput) =>
      (await apiFetch<{ comment: ReviewCommentDto }>(`${ticketPath(ticketId)}/comments`, { method: "POST", body: input })).comment,
    onSuccess: (comment) =>
      // Shown at once under its line; the refetch below then brings whatever else changed.
      queryClient.setQueriesData<ReviewCommentDto[]>({ queryKey: reviewKeys.comments(ticketId) }, (comments) => comments && [...comments, comment]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.comments(ticketId) }),
  });
}

/** Approve the ticket's work, or send it back with a summary (and any comments): the ticket leaves Review either way. */
export function useReviewTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ReviewAction) => apiFetch<unknown>(`${ticketPath(ticketId)}/review`, { method: "POST", body: action }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.comments(ticketId) }),
        queryClient.invalidateQueries({ queryKey: diffKeys.ticket(ticketId) }),
        // The card moves out of the Review column.
        queryClient.invalidateQueries({ queryKey: boardKeys.all }),
      ]),
  });
}
