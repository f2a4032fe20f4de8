import { parseQuery } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { getBoardView } from "@/lib/tickets/get-board-view";
import { boardViewQuerySchema } from "@/lib/tickets/ticket-schemas";

// GET /api/v1/board/view?projectId=&scope=all|mine|unassigned|spec:<id> – the columns with their ordered tickets.
export const GET = withAuth(async (req, { caller }) => {
  const { projectId, scope } = parseQuery(req, boardViewQuerySchema);
  const body = await getBoardView({ userId: caller.user.id, projectId, scope });
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
});
