import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { cancelSpec } from "@/lib/sandbox/cancel-spec";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/{specId}/cancel – stop generation now; checkpoints stay for a later execute.
export const POST = withAuth<{ specId: string }>(async (_req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  return json({ spec: await cancelSpec({ userId: caller.user.id, specId }) });
});
