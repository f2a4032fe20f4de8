import { parseParams, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { diffQuerySchema } from "@/lib/repos/diff-schemas";
import { withAuth } from "@/lib/routes/with-auth";
import { getTicketDiff } from "@/lib/tickets/get-ticket-diff";
import { ticketParamsSchema } from "@/lib/tickets/ticket-schemas";

// GET /api/v1/tickets/{ticketId}/diff?offset=&limit=&path= – the ticket's delivered work as a diff (every file's
// numbers, its commits, one page of patches) and the last test run seen for it.
export const GET = withAuth<{ ticketId: string }>(async (req, { caller, params }) => {
  const { ticketId } = parseParams(params, ticketParamsSchema);
  const query = parseQuery(req, diffQuerySchema);
  return json(await getTicketDiff({ userId: caller.user.id, ticketId, query }));
});
