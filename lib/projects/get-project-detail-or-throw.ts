import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import type { ProjectDto } from "@/lib/projects/project-schemas";
import { readLastDeliveries } from "@/lib/projects/read-last-deliveries";

/** A project as GET /api/v1/projects/{id} answers it: the member's view, with its last delivery. */
export async function getProjectDetailOrThrow({ userId, projectId }: { userId: string; projectId: string }): Promise<ProjectDto> {
  const project = await getProjectForMemberOrThrow({ userId, projectId });
  return { ...project, lastDelivery: (await readLastDeliveries([project.id])).get(project.id) ?? null };
}
