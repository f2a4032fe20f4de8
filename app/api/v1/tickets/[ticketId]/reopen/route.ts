import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { reopenTicket } from "@/lib/tickets/reopen-ticket";
import { reopenTicketSchema, ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// POST /api/v1/tickets/{ticketId}/reopen – a done ticket back to the backlog; with run: true, a new run of its agent.
export const POST = withAuth<{ ticketId: string }>(async (req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  const input = await parseJsonBody(req, reopenTicketSchema);
  return json(await reopenTicket({ userId: caller.user.id, ticketId, input }));
});
