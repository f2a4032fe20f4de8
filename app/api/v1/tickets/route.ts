import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { SPEC_ALIAS_DEPRECATION_HEADERS } from "@/lib/specs/launch-spec";
import { createTicket } from "@/lib/tickets/create-ticket";
import { listTickets } from "@/lib/tickets/list-tickets";
import { createTicketSchema, listTicketsQuerySchema } from "@/lib/tickets/ticket-schemas";

// GET /api/v1/tickets?projectId=&status=&specId=&assignee=me|unassigned|<userId>&q= – a project's tickets.
export const GET = withAuth(async (req, { caller }) => {
  const query = parseQuery(req, listTicketsQuerySchema);
  return json({ tickets: await listTickets({ userId: caller.user.id, query }) });
});

// POST /api/v1/tickets – quick: a ticket with a queued task. spec_driven: DEPRECATED alias of POST /api/v1/specs (the
// same service, lib/specs/launch-spec.ts) → {mode, specId, sandboxId, spec}, answered with Deprecation and successor
// Link headers so its clients can see where to go.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createTicketSchema);
  const result = await createTicket({ userId: caller.user.id, input });
  return json(result, 201, result.mode === "spec_driven" ? SPEC_ALIAS_DEPRECATION_HEADERS : undefined);
});
