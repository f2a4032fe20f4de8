import { AppError } from "@/lib/http/errors";
import { getProjectBudget } from "@/lib/llm/get-project-budget";

export const orgCapSpentMessage = (capUsd: number, spentUsd: number) =>
  `The organization's daily model budget of $${capUsd.toFixed(2)} (ORG_DAILY_BUDGET_USD) is spent ($${spentUsd.toFixed(2)} used today); nothing new starts before it renews at 00:00 UTC`;

/**
 * Refuses to start agent work (a spec, a quick task, a ticket run, an approval that resumes a spec) once the
 * project's organization has spent its daily cap: the proxy would stop the agent at its first call anyway, and a
 * launch that is refused up front says why instead of leaving a failed spec behind.
 */
export async function assertOrgBudgetLeft(projectId: string): Promise<void> {
  const budget = await getProjectBudget(projectId);
  if (budget.orgCapSpent) throw new AppError("budget_exceeded", orgCapSpentMessage(budget.orgDailyUsd!, budget.orgSpentTodayUsd), { fields: { projectId: [orgCapSpentMessage(budget.orgDailyUsd!, budget.orgSpentTodayUsd)] } });
}
