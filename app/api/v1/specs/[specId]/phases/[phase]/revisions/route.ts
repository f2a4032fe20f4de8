import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { listPhaseRevisions } from "@/lib/specs/list-phase-revisions";
import { specPhaseParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId}/phases/{phase}/revisions – every passed output of the phase, oldest first.
export const GET = withAuth<{ specId: string; phase: string }>(async (_req, { caller, params }) => {
  const { specId, phase } = parseParams(params, specPhaseParamsSchema);
  return json({ revisions: await listPhaseRevisions({ userId: caller.user.id, specId, phase }) });
});
