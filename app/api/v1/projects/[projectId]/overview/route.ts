import { parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getProjectOverview } from "@/lib/projects/get-project-overview";
import { projectParamsSchema } from "@/lib/projects/project-schemas";

// GET /api/v1/projects/{projectId}/overview – specs, tickets per column, recent activity, cost and repository health.
export const GET = withAuth<{ projectId: string }>(async (_req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  return json(await getProjectOverview({ userId: caller.user.id, projectId }));
});
