import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { runTicket } from "@/lib/tickets/run-ticket";
import { ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// POST /api/v1/tickets/{ticketId}/run – queue the ticket's task now (auto-execute or not).
export const POST = withAuth<{ ticketId: string }>(async (_req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  return json(await runTicket({ userId: caller.user.id, ticketId }));
});
