import { json } from "@/lib/http/respond";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { createProject } from "@/lib/projects/create-project";
import { listProjects } from "@/lib/projects/list-projects";
import { createProjectSchema, listProjectsQuerySchema } from "@/lib/projects/project-schemas";

// GET /api/v1/projects?orgId= – projects of the caller's organizations.
export const GET = withAuth(async (req, { caller }) => {
  const { orgId } = parseQuery(req, listProjectsQuerySchema);
  return json({ projects: await listProjects({ userId: caller.user.id, orgId }) });
});

// POST /api/v1/projects – create a project (in the caller's personal organization unless orgId is given).
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createProjectSchema);
  return json({ project: await createProject({ userId: caller.user.id, input }) }, 201);
});
