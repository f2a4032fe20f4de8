import { db } from "@/lib/db/client";
import { getBudgetDefaults } from "@/lib/llm/get-budget-defaults";

/** The budgets a launch on this project would run under, as the launch form shows them. USD; null = no limit. */
export interface ProjectBudget {
  specUsd: number | null;
  taskUsd: number | null;
  /** "project" when the project sets its own budget (it replaces both defaults), else "default" (the server's). */
  source: "project" | "default";
  orgDailyUsd: number | null;
  orgSpentTodayUsd: number;
  /** The organization's daily cap is spent: nothing new may start until 00:00 UTC. */
  orgCapSpent: boolean;
}

/**
 * Reads the same figures the model proxy enforces (authorizeProxyCall): the project's own budget, else the server's
 * SPEC_BUDGET_USD / TASK_BUDGET_USD, and what its organization spent today against ORG_DAILY_BUDGET_USD.
 */
export async function getProjectBudget(projectId: string): Promise<ProjectBudget> {
  const defaults = getBudgetDefaults();
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { orgId: true, budgetUsd: true } });
  const today = new Date(new Date().toISOString().slice(0, 10));
  const usage = await db.orgDailyUsage.findUnique({ where: { orgId_day: { orgId: project.orgId, day: today } }, select: { costUsd: true } });
  const own = project.budgetUsd === null ? null : Number(project.budgetUsd);
  const spent = usage ? Number(usage.costUsd) : 0;
  return {
    specUsd: own ?? defaults.specUsd,
    taskUsd: own ?? defaults.taskUsd,
    source: own === null ? "default" : "project",
    orgDailyUsd: defaults.orgDailyUsd,
    orgSpentTodayUsd: spent,
    orgCapSpent: defaults.orgDailyUsd !== null && spent >= defaults.orgDailyUsd,
  };
}
