import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { approveSpec } from "@/lib/specs/approve-spec";
import { approveSpecSchema, specParamsSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/{specId}/approve {gate: requirements|design} – let a waiting spec go on.
export const POST = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const { gate } = await parseJsonBody(req, approveSpecSchema);
  return json({ spec: await approveSpec({ userId: caller.user.id, specId, gate }) });
});
