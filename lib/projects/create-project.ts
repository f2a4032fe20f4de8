import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { assertRepoReadable, type RepoCheck } from "@/lib/projects/assert-repo-readable";
import { assertRepoUrlAllowed } from "@/lib/projects/assert-repo-url-allowed";
import { rethrowNameConflict } from "@/lib/projects/rethrow-name-conflict";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import { createProjectSchema, type CreateProjectInput, type ProjectDto } from "@/lib/projects/project-schemas";

export interface CreateProjectOptions {
  userId: string;
  input: CreateProjectInput;
}

/**
 * Any member may create a project; its repository must pass the creator's repository policy, then answer with its
 * default branch (asked at once, so a wrong URL or path is refused here rather than at the first launch).
 */
export async function createProject({ userId, input }: CreateProjectOptions): Promise<ProjectDto> {
  const { orgId: requestedOrgId, wipLimits, ...fields } = createProjectSchema.parse(input);
  const orgId = requestedOrgId ?? (await personalOrgId(userId));
  await getMembershipOrThrow({ userId, orgId });
  let check: RepoCheck | null = null;
  if (fields.repoUrl) {
    await assertRepoUrlAllowed({ userId, repoUrl: fields.repoUrl });
    check = await assertRepoReadable({ repoUrl: fields.repoUrl, defaultBranch: fields.defaultBranch, isRepoNew: true });
  }
  try {
    const project = await db.project.create({
      data: {
        ...fields,
        ...check,
        orgId,
        createdById: userId,
        repoUrlSetById: fields.repoUrl ? userId : null,
        wipLimits: wipLimits ?? Prisma.DbNull,
      },
      include: projectInclude(userId),
    });
    return toProjectDto(project, null);
  } catch (error) {
    rethrowNameConflict(error);
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
