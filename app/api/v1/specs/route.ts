import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { createAndLaunchSpec } from "@/lib/specs/launch-spec";
import { listSpecs } from "@/lib/specs/list-specs";
import { createSpecSchema, listSpecsQuerySchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs?projectId= – a project's specs, newest first.
export const GET = withAuth(async (req, { caller }) => {
  const { projectId } = parseQuery(req, listSpecsQuerySchema);
  return json({ specs: await listSpecs({ userId: caller.user.id, projectId }) });
});

// POST /api/v1/specs – the one way to create a spec: an idea in, a running spec out (its sandbox queued at once) →
// {spec, specId, status, currentPhase, sandboxId}. POST /specs/launch and POST /tickets {workflowMode: spec_driven}
// are deprecated aliases of it.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createSpecSchema);
  return json(await createAndLaunchSpec({ userId: caller.user.id, input }), 201);
});
