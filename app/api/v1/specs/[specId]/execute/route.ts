import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { executeSpec } from "@/lib/specs/execute-spec";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/{specId}/execute – start or resume from the first incomplete phase (409 while running).
export const POST = withAuth<{ specId: string }>(async (_req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  return json({ spec: await executeSpec({ userId: caller.user.id, specId }) });
});
