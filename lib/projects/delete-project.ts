import { db } from "@/lib/db/client";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
import { ADMIN_ROLES, requireMembership } from "@/lib/orgs/require-membership";

/** Deletes a project and everything in it. Owners and admins only. */
export async function deleteProject({ userId, projectId }: { userId: string; projectId: string }): Promise<void> {
  const project = await getProjectOrThrow({ userId, projectId });
  await requireMembership({ userId, orgId: project.orgId, roles: ADMIN_ROLES });
  await db.project.delete({ where: { id: projectId } });
}
