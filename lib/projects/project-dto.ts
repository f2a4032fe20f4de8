import type { Project } from "@/lib/generated/prisma/client";
import type { ProjectDto } from "@/lib/projects/project-schemas";

export const projectInclude = { org: { select: { name: true } } } as const;

export function toProjectDto(project: Project & { org: { name: string } }): ProjectDto {
  return {
    id: project.id,
    orgId: project.orgId,
    orgName: project.org.name,
    name: project.name,
    description: project.description,
    repoUrl: project.repoUrl,
    defaultBranch: project.defaultBranch,
    testCommand: project.testCommand,
    approvalMode: project.approvalMode,
    autoExecuteTickets: project.autoExecuteTickets,
    maxConcurrentTasks: project.maxConcurrentTasks,
    budgetUsd: project.budgetUsd === null ? null : Number(project.budgetUsd),
    wipLimits: (project.wipLimits as Record<string, number> | null) ?? null,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
