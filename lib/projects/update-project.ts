import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
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
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "A project with this name already exists in this organization", {
        fields: { name: ["A project with this name already exists in this organization"] },
      });
    }
    throw error;
  }
}
