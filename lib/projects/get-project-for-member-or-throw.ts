import { projectsOfMember } from "@/lib/orgs/member-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import type { ProjectDto } from "@/lib/projects/project-schemas";

/**
 * A project the user can see; 404 for one that does not exist or belongs to an organization they are not in. The
 * guard of every project-scoped service (some on polled paths), so it leaves `lastDelivery` unread (null):
 * getProjectDetailOrThrow and listProjects fill it.
 */
export async function getProjectForMemberOrThrow({ userId, projectId }: { userId: string; projectId: string }): Promise<ProjectDto> {
  const project = await db.project.findFirst({
    where: { id: projectId, ...projectsOfMember(userId) },
    include: projectInclude(userId),
  });
  if (!project) throw new AppError("not_found", "Project not found");
  return toProjectDto(project, null);
}
