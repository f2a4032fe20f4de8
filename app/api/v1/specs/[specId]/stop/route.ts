import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { stopSpecAgents } from "@/lib/sandbox/stop-spec-agents";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/{specId}/stop – stop every agent of the spec: its planning and its tickets' queued or running tasks.
export const POST = withAuth<{ specId: string }>(async (_req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  return json(await stopSpecAgents({ userId: caller.user.id, specId }));
});
