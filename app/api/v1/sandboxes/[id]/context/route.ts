import { json } from "@/lib/http/respond";
import { withSandboxAuth } from "@/lib/routes/with-sandbox-auth";
import { getSandboxContext } from "@/lib/sandbox/get-sandbox-context";

// GET /api/v1/sandboxes/{id}/context – what the agent needs to start or resume (sandbox token only).
export const GET = withSandboxAuth<{ id: string }>(async (_req, { sandbox }) => json(await getSandboxContext(sandbox)));
