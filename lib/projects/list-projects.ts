import { projectsOfMember } from "@/lib/orgs/member-scope";
import { db } from "@/lib/db/client";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import type { ProjectDto } from "@/lib/projects/project-schemas";
import { readLastDeliveries } from "@/lib/projects/read-last-deliveries";

export interface ListProjectsOptions {
  userId: string;
  orgId?: string;
}

/** Projects of every organization the user belongs to (or of one of them); never anything else. */
export async function listProjects({ userId, orgId }: ListProjectsOptions): Promise<ProjectDto[]> {
  const projects = await db.project.findMany({
    where: { ...projectsOfMember(userId), ...(orgId ? { orgId } : {}) },
    include: projectInclude(userId),
    orderBy: [{ createdAt: "desc" }],
    take: 500,
  });
  const deliveries = await readLastDeliveries(projects.map((project) => project.id));
  return projects.map((project) => toProjectDto(project, deliveries.get(project.id) ?? null));
}
