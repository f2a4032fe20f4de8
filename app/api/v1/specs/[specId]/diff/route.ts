import { parseParams, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { diffQuerySchema } from "@/lib/repos/diff-schemas";
import { withAuth } from "@/lib/routes/with-auth";
import { getSpecDiff } from "@/lib/specs/get-spec-diff";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId}/diff?offset=&limit=&path= – the spec branch's integrated change against the default
// branch it was made from (every file's numbers, its commits, one page of patches).
export const GET = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const query = parseQuery(req, diffQuerySchema);
  return json(await getSpecDiff({ userId: caller.user.id, specId, query }));
});
