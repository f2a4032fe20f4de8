import { db } from "@/lib/db/client";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { ADMIN_ROLES } from "@/lib/orgs/org-schemas";

/** Deletes a project and everything in it. Owners and admins only. */
export async function deleteProject({ userId, projectId }: { userId: string; projectId: string }): Promise<void> {
  const project = await getProjectForMemberOrThrow({ userId, projectId });
  await getMembershipOrThrow({ userId, orgId: project.orgId, roles: ADMIN_ROLES });
  await db.project.delete({ where: { id: projectId } });
}
