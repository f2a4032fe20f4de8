import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/http/with-auth";
import { createSpec } from "@/lib/specs/create-spec";
import { listSpecs } from "@/lib/specs/list-specs";
import { createSpecSchema, listSpecsQuerySchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs?projectId= – a project's specs, newest first.
export const GET = withAuth(async (req, { caller }) => {
  const { projectId } = parseQuery(req, listSpecsQuerySchema);
  return json({ specs: await listSpecs({ userId: caller.user.id, projectId }) });
});

// POST /api/v1/specs – turn an idea into a spec; its sandbox starts at once.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createSpecSchema);
  return json({ spec: await createSpec({ userId: caller.user.id, input }) }, 201);
});
