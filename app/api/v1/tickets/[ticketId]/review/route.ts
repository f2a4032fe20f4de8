import { reviewTicket } from "@/lib/integration/review-ticket";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { reviewActionSchema } from "@/lib/tickets/review-schemas";
import { ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// POST /api/v1/tickets/{ticketId}/review – approve the work waiting in Review, or request changes (back to its agent).
export const POST = withAuth<{ ticketId: string }>(async (req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  const action = await parseJsonBody(req, reviewActionSchema);
  return json(await reviewTicket({ userId: caller.user.id, ticketId, action }));
});
