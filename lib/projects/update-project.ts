import { db, Prisma } from "@/lib/db/client";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
import { rethrowNameConflict } from "@/lib/projects/rethrow-name-conflict";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import { updateProjectSchema, type ProjectDto, type UpdateProjectInput } from "@/lib/projects/project-schemas";

export interface UpdateProjectOptions {
  userId: string;
  projectId: string;
  input: UpdateProjectInput;
}

/** Any member may change a project's settings. */
export async function updateProject({ userId, projectId, input }: UpdateProjectOptions): Promise<ProjectDto> {
  const { wipLimits, ...fields } = updateProjectSchema.parse(input);
  await getProjectOrThrow({ userId, projectId });
  try {
    const project = await db.project.update({
      where: { id: projectId },
      data: { ...fields, ...(wipLimits === undefined ? {} : { wipLimits: wipLimits ?? Prisma.DbNull }) },
      include: projectInclude,
    });
    return toProjectDto(project);
  } catch (error) {
    rethrowNameConflict(error);
  }
}
