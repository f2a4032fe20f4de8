import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getSpecDetail } from "@/lib/specs/get-spec-detail";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId} – the spec with its phase runs, requirements, design, tasks, tickets summary and cost.
export const GET = withAuth<{ specId: string }>(async (_req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  return json(await getSpecDetail({ userId: caller.user.id, specId }));
});
