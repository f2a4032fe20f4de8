"use client";

import { useState } from "react";
import { reviewActionSchema, type ReviewCommentDto } from "@/lib/tickets/review-schemas";
import { useReviewTicket } from "@/hooks/api/use-review";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { ReviewCommentList } from "./review-comment-list";

/**
 * The reviewer's decision on work held in Review: Approve sends it on to integration; Request changes sends the
 * summary and the comments not sent yet back to the agent, whose next attempt addresses them.
 */
export function TicketReviewPanel({ ticketId, comments }: { ticketId: string; comments: readonly ReviewCommentDto[] }) {
  const review = useReviewTicket(ticketId);
  const [summary, setSummary] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const errors = { ...fieldErrorsOf(review.error), ...clientErrors };
  const unsent = comments.filter((comment) => comment.sentAt === null).length;

  const send = (action: "approve" | "request_changes") => {
    const parsed = reviewActionSchema.safeParse(action === "approve" ? { action } : { action, summary });
    if (!parsed.success) {
      setClientErrors(issuesToFields(parsed.error.issues));
      return;
    }
    setClientErrors({});
    review.mutate(parsed.data, { onSuccess: () => setSummary("") });
  };

  return (
    <section aria-labelledby="ticket-review" className="space-y-3 rounded-lg border border-indigo-200 bg-white p-4">
      <div>
        <h3 id="ticket-review" className="text-sm font-semibold text-zinc-900">
          Review
        </h3>
        <p className="mt-1 text-sm text-zinc-700">
          Read the changes above and comment on a line with its “+”. Approve sends the work on to be merged into the spec
          branch; Request changes sends your summary and comments back to the agent.
        </p>
      </div>
      <Field
        label="Summary"
        error={errors.summary}
        hint={unsent > 0 ? `${unsent} ${unsent === 1 ? "comment is" : "comments are"} not sent yet; Request changes sends them with the summary.` : "Needed to request changes: what the agent should change, overall."}
      >
        {(control) => <Textarea {...control} rows={4} value={summary} onChange={(event) => setSummary(event.target.value)} />}
      </Field>
      <ApiErrorAlert error={review.error} shownFields={["summary"]} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => send("approve")} loading={review.isPending && review.variables?.action === "approve"} disabled={review.isPending}>
          Approve
        </Button>
        <Button
          variant="secondary"
          onClick={() => send("request_changes")}
          loading={review.isPending && review.variables?.action === "request_changes"}
          disabled={review.isPending}
        >
          Request changes
        </Button>
      </div>
      <ReviewCommentList comments={comments} />
    </section>
  );
}
