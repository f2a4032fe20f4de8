import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { requireMembership } from "@/lib/orgs/require-membership";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import { createProjectSchema, type CreateProjectInput, type ProjectDto } from "@/lib/projects/project-schemas";

export interface CreateProjectOptions {
  userId: string;
  input: CreateProjectInput;
}

export async function createProject({ userId, input }: CreateProjectOptions): Promise<ProjectDto> {
  const { orgId: requestedOrgId, wipLimits, ...fields } = createProjectSchema.parse(input);
  const orgId = requestedOrgId ?? (await personalOrgId(userId));
  await requireMembership({ userId, orgId });
  try {
    const project = await db.project.create({
      data: { ...fields, orgId, createdById: userId, wipLimits: wipLimits ?? Prisma.DbNull },
      include: projectInclude,
    });
    return toProjectDto(project);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", `A project named "${fields.name}" already exists in this organization`, {
        fields: { name: ["A project with this name already exists in this organization"] },
      });
    }
    throw error;
  }
}

async function personalOrgId(userId: string): Promise<string> {
  const membership = await db.membership.findFirst({
    where: { userId },
    orderBy: [{ org: { personal: "desc" } }, { createdAt: "asc" }],
    select: { orgId: true },
  });
  if (!membership) throw new AppError("conflict", "You belong to no organization; create one first");
  return membership.orgId;
}
