import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/http/with-auth";
import { createTicket } from "@/lib/tickets/create-ticket";
import { listTickets } from "@/lib/tickets/list-tickets";
import { createTicketSchema, listTicketsQuerySchema } from "@/lib/tickets/ticket-schemas";

// GET /api/v1/tickets?projectId=&status=&specId=&assignee=me|unassigned|<userId>&q= – a project's tickets.
export const GET = withAuth(async (req, { caller }) => {
  const query = parseQuery(req, listTicketsQuerySchema);
  return json({ tickets: await listTickets({ userId: caller.user.id, query }) });
});

// POST /api/v1/tickets – quick: a ticket with a queued task; spec_driven: a spec is launched ({specId}).
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createTicketSchema);
  return json(await createTicket({ userId: caller.user.id, input }), 201);
});
