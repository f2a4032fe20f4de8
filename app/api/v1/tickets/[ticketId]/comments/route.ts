import { addReviewComment } from "@/lib/integration/add-review-comment";
import { listReviewComments } from "@/lib/integration/list-review-comments";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { reviewCommentInputSchema } from "@/lib/tickets/review-schemas";
import { ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// GET /api/v1/tickets/{ticketId}/comments – the review comments on the ticket's work, open or addressed.
export const GET = withAuth<{ ticketId: string }>(async (_req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  return json(await listReviewComments({ userId: caller.user.id, ticketId }));
});

// POST /api/v1/tickets/{ticketId}/comments – a line comment on the delivered diff (422 when the line is not in it).
export const POST = withAuth<{ ticketId: string }>(async (req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  const input = await parseJsonBody(req, reviewCommentInputSchema);
  return json({ comment: await addReviewComment({ userId: caller.user.id, ticketId, input }) }, 201);
});
