import type { Project } from "@/lib/generated/prisma/client";
import type { ProjectDto } from "@/lib/projects/project-schemas";
import { normalizeRepoUrl } from "@/lib/repos/normalize-repo-url";

/**
 * What every project read loads besides the row: its organization's name, and the organization's projects that
 * have a repository (one more query per read, however many projects are read) to tell which share this one's.
 */
export const projectInclude = {
  org: { select: { name: true, projects: { where: { repoUrl: { not: null } }, select: { id: true, name: true, repoUrl: true } } } },
} as const;

type OrgProject = { id: string; name: string; repoUrl: string | null };

export function toProjectDto(project: Project & { org: { name: string; projects: OrgProject[] } }): ProjectDto {
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
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
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
