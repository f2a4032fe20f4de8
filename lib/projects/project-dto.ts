import type { MembershipRole, Project } from "@/lib/generated/prisma/client";
import type { LastDeliveryDto, ProjectDto, RepoHealthDto } from "@/lib/projects/project-schemas";
import { normalizeRepoUrl } from "@/lib/repos/normalize-repo-url";

/**
 * What every project read loads besides the row: its organization's name, the organization's projects that have a
 * repository (one more query per read, however many projects are read) to tell which share this one's, and the
 * viewer's membership (their role decides what the interface offers).
 */
export const projectInclude = (viewerId: string) =>
  ({
    org: {
      select: {
        name: true,
        projects: { where: { repoUrl: { not: null } }, select: { id: true, name: true, repoUrl: true } },
        memberships: { where: { userId: viewerId }, select: { role: true } },
      },
    },
  }) as const;

type OrgProject = { id: string; name: string; repoUrl: string | null };
type LoadedProject = Project & { org: { name: string; projects: OrgProject[]; memberships: { role: MembershipRole }[] } };

export function toProjectDto(project: LoadedProject, lastDelivery: LastDeliveryDto | null): ProjectDto {
  return {
    id: project.id,
    orgId: project.orgId,
    orgName: project.org.name,
    name: project.name,
    description: project.description,
    repoUrl: project.repoUrl,
    sharedRepoWith: sharedRepoWith(project, project.org.projects),
    defaultBranch: project.defaultBranch,
    testCommand: project.testCommand,
    approvalMode: project.approvalMode,
    reviewMode: project.reviewMode,
    autoExecuteTickets: project.autoExecuteTickets,
    maxConcurrentTasks: project.maxConcurrentTasks,
    budgetUsd: project.budgetUsd === null ? null : Number(project.budgetUsd),
    wipLimits: (project.wipLimits as Record<string, number> | null) ?? null,
    // Every read is scoped to the viewer's organizations, so the membership is there; "member" is the safe reading.
    viewerRole: project.org.memberships[0]?.role ?? "member",
    repoHealth: repoHealthOf(project),
    lastDelivery,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

function repoHealthOf(project: Pick<Project, "repoUrl" | "repoCheckedAt" | "repoProblem">): RepoHealthDto {
  if (!project.repoUrl) return { status: "none", message: null, checkedAt: null };
  if (!project.repoCheckedAt) return { status: "unchecked", message: null, checkedAt: null };
  return {
    status: project.repoProblem ? "unreachable" : "reachable",
    message: project.repoProblem,
    checkedAt: project.repoCheckedAt.toISOString(),
  };
}

/** Names of the organization's other projects on the same repository, so the interface can warn about it. */
function sharedRepoWith(project: Project, orgProjects: OrgProject[]): string[] {
  if (!project.repoUrl) return [];
  const key = normalizeRepoUrl(project.repoUrl);
  return orgProjects
    .filter((other) => other.id !== project.id && other.repoUrl && normalizeRepoUrl(other.repoUrl) === key)
    .map((other) => other.name)
    .sort();
}
