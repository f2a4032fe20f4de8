import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/http/with-auth";
import { getSpecOrThrow } from "@/lib/specs/get-spec-or-throw";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId} – one spec (404 unless the caller is a member of its project's organization).
export const GET = withAuth<{ specId: string }>(async (_req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  return json({ spec: await getSpecOrThrow({ userId: caller.user.id, specId }) });
});
