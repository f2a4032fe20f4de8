import { db, Prisma } from "@/lib/db/client";
import { ADMIN_ROLES, getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { assertRepoUrlAllowed } from "@/lib/projects/assert-repo-url-allowed";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { rethrowNameConflict } from "@/lib/projects/rethrow-name-conflict";
import { projectInclude, toProjectDto } from "@/lib/projects/project-dto";
import { updateProjectSchema, type ProjectDto, type UpdateProjectInput } from "@/lib/projects/project-schemas";

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

/** Any member may change a project's settings, except ADMIN_FIELDS; a new repository must pass the policy. */
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
  if (changed.includes("repoUrl") && fields.repoUrl) await assertRepoUrlAllowed({ userId, repoUrl: fields.repoUrl });
  try {
    const project = await db.project.update({
      where: { id: projectId },
      data: {
        ...fields,
        ...(changed.includes("repoUrl") ? { repoUrlSetById: fields.repoUrl ? userId : null } : {}),
        ...(wipLimits === undefined ? {} : { wipLimits: wipLimits ?? Prisma.DbNull }),
      },
      include: projectInclude,
    });
    return toProjectDto(project);
  } catch (error) {
    rethrowNameConflict(error);
  }
}
