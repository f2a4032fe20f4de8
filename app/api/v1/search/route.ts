import { parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { searchQuerySchema } from "@/lib/search/search-schemas";
import { searchWorkspace } from "@/lib/search/search-workspace";

// GET /api/v1/search?q=&limit= – projects, specs and tickets of the caller's organizations, best match first.
export const GET = withAuth(async (req, { caller }) => {
  const query = parseQuery(req, searchQuerySchema);
  return json({ results: await searchWorkspace({ userId: caller.user.id, query }) });
});
