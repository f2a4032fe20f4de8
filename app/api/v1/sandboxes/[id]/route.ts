import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getSandboxDetail } from "@/lib/sandbox/get-sandbox-detail";
import { sandboxParamsSchema } from "@/lib/specs/sandbox-context-schema";

// GET /api/v1/sandboxes/{id} – status, provider, last heartbeat and the agent's log tail, for project members.
export const GET = withAuth<{ id: string }>(async (_req, { caller, params }) => {
  const { id } = parseParams(params, sandboxParamsSchema);
  return json({ sandbox: await getSandboxDetail({ userId: caller.user.id, sandboxId: id }) });
});
