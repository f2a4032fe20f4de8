import type { ProjectBudget } from "@/lib/llm/get-project-budget";

const usd = (amount: number | null) => (amount === null ? "no limit" : `$${Number.isInteger(amount) ? amount : amount.toFixed(2)}`);

/**
 * The launch form's budget line for the chosen project (pure, so the client renders it from the readiness answer):
 * "Budget (server default): $5 per spec, $5 per task · organization today: $1.20 of $50".
 */
export function describeProjectBudget(budget: ProjectBudget): string {
  const origin = budget.source === "project" ? "this project's" : "server default";
  const today = budget.orgDailyUsd === null ? "no daily cap" : `${usd(budget.orgSpentTodayUsd)} of ${usd(budget.orgDailyUsd)} spent today`;
  return `Budget (${origin}): ${usd(budget.specUsd)} per spec, ${usd(budget.taskUsd)} per task · organization: ${today}`;
}
