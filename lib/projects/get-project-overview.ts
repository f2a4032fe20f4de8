import { db } from "@/lib/db/client";
import { checkProjectRepoHealth } from "@/lib/projects/check-project-repo-health";
import { getProjectDetailOrThrow } from "@/lib/projects/get-project-detail-or-throw";
import { OVERVIEW_ACTIVITY_LIMIT, OVERVIEW_SPEC_LIMIT, type ProjectOverviewDto } from "@/lib/projects/project-overview-schemas";
import { TICKET_STATUSES, type ProjectDto, type TicketStatusName } from "@/lib/projects/project-schemas";
import { readProjectActivity } from "@/lib/projects/read-project-activity";

/** The overview polls while something runs; the repository is asked again only when its last answer is this old. */
const REPO_HEALTH_MAX_AGE_MS = 5 * 60_000;
const REPO_CHECK_TIMEOUT_MS = 5_000;

export interface GetProjectOverviewOptions {
  userId: string;
  projectId: string;
}

/**
 * A project at a glance for one of its members: its latest specs with their status, its tickets per board column,
 * recent activity across its specs and tickets, what it has cost, and the repository's health (asked again when
 * stale).
 */
export async function getProjectOverview({ userId, projectId }: GetProjectOverviewOptions): Promise<ProjectOverviewDto> {
  const project = await withFreshRepoHealth(await getProjectDetailOrThrow({ userId, projectId }));
  const [specs, specCount, ticketGroups, blocked, specCost, quickCost, activity, runningTasks] = await Promise.all([
    db.spec.findMany({
      where: { projectId },
      orderBy: { createdAt: "desc" },
      take: OVERVIEW_SPEC_LIMIT,
      select: { id: true, title: true, generationStatus: true, executionStatus: true, currentPhase: true, approvalMode: true, progress: true, costUsd: true, updatedAt: true },
    }),
    db.spec.count({ where: { projectId } }),
    db.ticket.groupBy({ by: ["status"], where: { projectId }, _count: { _all: true } }),
    db.ticket.count({ where: { projectId, isBlocked: true } }),
    db.spec.aggregate({ where: { projectId }, _sum: { costUsd: true } }),
    // A spec ticket's agent is metered on its spec too (its sandbox carries the spec): only quick tickets add to it.
    db.task.aggregate({ where: { ticket: { projectId, specId: null } }, _sum: { costUsd: true } }),
    readProjectActivity(projectId, OVERVIEW_ACTIVITY_LIMIT),
    db.task.count({ where: { ticket: { projectId }, status: { in: ["queued", "running"] } } }),
  ]);
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((status) => [status, 0])) as Record<TicketStatusName, number>;
  for (const group of ticketGroups) byStatus[group.status] = group._count._all;
  const specsUsd = Number(specCost._sum.costUsd ?? 0);
  const quickTicketsUsd = Number(quickCost._sum.costUsd ?? 0);
  return {
    project,
    specs: specs.map((spec) => ({ ...spec, costUsd: Number(spec.costUsd), updatedAt: spec.updatedAt.toISOString() })),
    specCount,
    tickets: { byStatus, blocked, total: Object.values(byStatus).reduce((sum, count) => sum + count, 0) },
    activity,
    cost: { totalUsd: specsUsd + quickTicketsUsd, specsUsd, quickTicketsUsd },
    isActive: runningTasks > 0 || specs.some((spec) => spec.generationStatus === "running" || spec.executionStatus === "running"),
  };
}

async function withFreshRepoHealth(project: ProjectDto): Promise<ProjectDto> {
  const { repoUrl, repoHealth } = project;
  const checkedAt = repoHealth.checkedAt ? Date.parse(repoHealth.checkedAt) : 0;
  if (!repoUrl || Date.now() - checkedAt < REPO_HEALTH_MAX_AGE_MS) return project;
  const problem = await checkProjectRepoHealth({ project: { id: project.id, repoUrl, defaultBranch: project.defaultBranch }, timeoutMs: REPO_CHECK_TIMEOUT_MS });
  return {
    ...project,
    repoHealth: { status: problem ? "unreachable" : "reachable", message: problem?.message ?? null, checkedAt: new Date().toISOString() },
  };
}
