import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { requestSpecChanges } from "@/lib/specs/request-spec-changes";
import { requestChangesSchema, specParamsSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/{specId}/request-changes {phase, feedback} – redo a phase with the feedback; later phases are invalidated.
export const POST = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const input = await parseJsonBody(req, requestChangesSchema);
  return json({ spec: await requestSpecChanges({ userId: caller.user.id, specId, ...input }) });
});
