"use client";

import { useCallback, useMemo } from "react";
import type { ReviewCommentInput } from "@/lib/tickets/review-schemas";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import { useTicketDiff } from "@/hooks/api/use-diffs";
import { useAddReviewComment, useTicketComments } from "@/hooks/api/use-review";
import { DiffViewer } from "@/components/diff/diff-viewer";
import { mergeDiffPages } from "@/components/diff/merge-diff-pages";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { LoadingBlock } from "@/components/ui/spinner";
import { awaitsReview, deliveryState, diffVersion } from "./delivery-state";
import { ReviewCommentList } from "./review-comment-list";
import { TicketReviewPanel } from "./ticket-review-panel";
import { TicketTestRun } from "./ticket-test-run";

/**
 * The ticket's work as a diff: where it is on its way into the spec branch, what the agent was last asked to fix,
 * the last test run, the changes, and — while it waits in Review — line comments and the reviewer's decision.
 */
export function TicketChanges({ detail }: { detail: TicketDetail }) {
  const { ticket, tasks, spec } = detail;
  const latest = tasks.at(-1);
  const reviewing = awaitsReview(detail);
  const version = diffVersion(tasks);
  const diff = useTicketDiff(ticket.id, { version, enabled: tasks.length > 0 });
  // Only a spec ticket's work is reviewed in the app, so only it can have comments.
  const comments = useTicketComments(ticket.id, { version, enabled: spec !== null });
  const addComment = useAddReviewComment(ticket.id);
  const merged = useMemo(() => mergeDiffPages(diff.data?.pages ?? []), [diff.data]);
  const state = deliveryState(latest, spec?.branch ?? null);
  const { mutateAsync } = addComment;
  const onAddComment = useCallback((input: ReviewCommentInput) => mutateAsync(input), [mutateAsync]);
  const { fetchNextPage } = diff;
  const onLoadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <section aria-labelledby="ticket-changes" className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="ticket-changes" className="text-sm font-semibold text-zinc-900">
          Changes
        </h2>
        {state ? (
          <p className="rounded-full bg-indigo-50 px-2.5 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-200">{state}</p>
        ) : null}
      </div>
      {latest?.feedback ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">What the agent was asked to fix</p>
          <p className="mt-1 whitespace-pre-wrap break-words text-zinc-900">{latest.feedback}</p>
        </div>
      ) : null}
      {tasks.length === 0 ? (
        <p className="text-sm text-zinc-600">No work yet: the changes show here once an agent delivers some.</p>
      ) : diff.isPending ? (
        <LoadingBlock label="Loading the changes…" />
      ) : diff.isError ? (
        <ApiErrorAlert error={diff.error} />
      ) : merged ? (
        <>
          {merged.base !== null ? <TicketTestRun run={merged.lastTestRun} /> : null}
          <DiffViewer
            diff={merged}
            onLoadMore={onLoadMore}
            loadingMore={diff.isFetchingNextPage}
            comments={comments.data}
            onAddComment={reviewing ? onAddComment : undefined}
          />
        </>
      ) : null}
      {comments.isError ? <ApiErrorAlert error={comments.error} /> : null}
      {reviewing ? (
        <TicketReviewPanel ticketId={ticket.id} comments={comments.data ?? []} />
      ) : comments.data && comments.data.length > 0 ? (
        <ReviewCommentList comments={comments.data} />
      ) : null}
    </section>
  );
}
