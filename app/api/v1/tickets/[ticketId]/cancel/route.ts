import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { cancelTicket } from "@/lib/sandbox/cancel-ticket";
import { ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// POST /api/v1/tickets/{ticketId}/cancel – stop the ticket's queued or running task.
export const POST = withAuth<{ ticketId: string }>(async (_req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  return json(await cancelTicket({ userId: caller.user.id, ticketId }));
});
