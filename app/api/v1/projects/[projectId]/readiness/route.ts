import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { checkProjectReadiness } from "@/lib/projects/check-project-readiness";
import { projectParamsSchema } from "@/lib/projects/project-schemas";

// GET /api/v1/projects/{projectId}/readiness – can agents work on it now ({ready, problems[{code, message, blocking?}]})?
export const GET = withAuth<{ projectId: string }>(async (_req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  return json(await checkProjectReadiness({ userId: caller.user.id, projectId }));
});
