import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getTicketDetail } from "@/lib/tickets/get-ticket-detail";
import { ticketParamsSchema, updateTicketSchema } from "@/lib/tickets/ticket-schemas";
import { updateTicket } from "@/lib/tickets/update-ticket";

// GET /api/v1/tickets/{ticketId} – the ticket, its dependencies and its task runs (branch, PR, sandboxes).
export const GET = withAuth<{ ticketId: string }>(async (_req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  return json(await getTicketDetail({ userId: caller.user.id, ticketId }));
});

// PATCH /api/v1/tickets/{ticketId} – edit; a status change follows the status machine (409 otherwise).
export const PATCH = withAuth<{ ticketId: string }>(async (req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  const input = await parseJsonBody(req, updateTicketSchema);
  return json({ ticket: await updateTicket({ userId: caller.user.id, ticketId, input }) });
});
