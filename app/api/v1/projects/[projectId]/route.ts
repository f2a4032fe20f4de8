import { json, noContent } from "@/lib/http/respond";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { deleteProject } from "@/lib/projects/delete-project";
import { getProjectDetailOrThrow } from "@/lib/projects/get-project-detail-or-throw";
import { updateProject } from "@/lib/projects/update-project";
import { projectParamsSchema, updateProjectSchema } from "@/lib/projects/project-schemas";

type Params = { projectId: string };

// GET /api/v1/projects/{projectId} – one project (404 unless the caller is a member of its organization).
export const GET = withAuth<Params>(async (_req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  return json({ project: await getProjectDetailOrThrow({ userId: caller.user.id, projectId }) });
});

// PATCH /api/v1/projects/{projectId} – change name, repository or settings.
export const PATCH = withAuth<Params>(async (req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  const input = await parseJsonBody(req, updateProjectSchema);
  return json({ project: await updateProject({ userId: caller.user.id, projectId, input }) });
});

// DELETE /api/v1/projects/{projectId} – delete a project (owners and admins).
export const DELETE = withAuth<Params>(async (_req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  await deleteProject({ userId: caller.user.id, projectId });
  return noContent();
});
