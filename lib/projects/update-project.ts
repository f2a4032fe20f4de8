import { db, Prisma } from "@/lib/db/client";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { ADMIN_ROLES } from "@/lib/orgs/org-schemas";
import { assertRepoReadable, type RepoCheck } from "@/lib/projects/assert-repo-readable";
import { assertRepoUrlAllowed } from "@/lib/projects/assert-repo-url-allowed";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { readLastDeliveries } from "@/lib/projects/read-last-deliveries";
import { rethrowNameConflict } from "@/lib/projects/rethrow-name-conflict";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import { updateProjectSchema, type ProjectDto, type UpdateProjectInput } from "@/lib/projects/project-schemas";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";

export interface UpdateProjectOptions {
  userId: string;
  projectId: string;
  input: UpdateProjectInput;
}

/**
 * What the server runs and spends on a project's behalf: where its code comes from (and goes to), the command run
 * on it, the money and the agents it may use. Only owners and admins of the organization change these.
 */
const ADMIN_FIELDS = ["repoUrl", "testCommand", "budgetUsd", "maxConcurrentTasks"] as const;

/**
 * Any member may change a project's settings, except ADMIN_FIELDS; a new repository must pass the policy and answer
 * (as on create), and a new default branch must exist in the repository.
 */
export async function updateProject({ userId, projectId, input }: UpdateProjectOptions): Promise<ProjectDto> {
  const { wipLimits, ...fields } = updateProjectSchema.parse(input);
  const current = await getProjectForMemberOrThrow({ userId, projectId });
  // A field sent with its current value is no change (a form may send what it showed).
  const changed = ADMIN_FIELDS.filter((key) => fields[key] !== undefined && (fields[key] ?? null) !== current[key]);
  if (changed.length > 0) {
    await getMembershipOrThrow({
      userId,
      orgId: current.orgId,
      roles: ADMIN_ROLES,
      forbiddenMessage: "Only owners and admins of the organization can change a project's repository, test command, budget or concurrency.",
    });
  }
  const check = await checkRepository({ userId, projectId, current, fields, isRepoChanged: changed.includes("repoUrl") });
  try {
    const project = await db.project.update({
      where: { id: projectId },
      data: {
        ...fields,
        ...check,
        ...(changed.includes("repoUrl") ? { repoUrlSetById: fields.repoUrl ? userId : null } : {}),
        ...(wipLimits === undefined ? {} : { wipLimits: wipLimits ?? Prisma.DbNull }),
      },
      include: projectInclude(userId),
    });
    return toProjectDto(project, (await readLastDeliveries([project.id])).get(project.id) ?? null);
  } catch (error) {
    rethrowNameConflict(error);
  }
}

interface CheckRepositoryOptions {
  userId: string;
  projectId: string;
  current: ProjectDto;
  fields: Omit<UpdateProjectInput, "wipLimits">;
  isRepoChanged: boolean;
}

/** The repository asked again when it or the branch changes; what to store about it (nothing when neither did). */
async function checkRepository({ userId, projectId, current, fields, isRepoChanged }: CheckRepositoryOptions): Promise<RepoCheck | { repoCheckedAt: null; repoProblem: null } | null> {
  const defaultBranch = fields.defaultBranch ?? current.defaultBranch;
  if (isRepoChanged) {
    if (!fields.repoUrl) return { repoCheckedAt: null, repoProblem: null };
    await assertRepoUrlAllowed({ userId, repoUrl: fields.repoUrl });
    return assertRepoReadable({ repoUrl: fields.repoUrl, defaultBranch, isRepoNew: true });
  }
  // Only the branch: the stored repository is judged by the rights of whoever set it before anything asks it.
  if (defaultBranch === current.defaultBranch || !current.repoUrl || (await checkProjectRepo(projectId))) return null;
  return assertRepoReadable({ repoUrl: current.repoUrl, defaultBranch, isRepoNew: false });
}
