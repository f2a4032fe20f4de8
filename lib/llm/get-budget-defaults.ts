import { getEnv } from "@/lib/env";

export interface BudgetDefaults {
  /** USD; null = no limit. */
  specUsd: number | null;
  taskUsd: number | null;
  orgDailyUsd: number | null;
}

/** The server's budgets for specs and tasks whose project sets none, and the per-organization daily cap (0 = none). */
export function getBudgetDefaults(): BudgetDefaults {
  const env = getEnv();
  const orNull = (usd: number) => (usd > 0 ? usd : null);
  return { specUsd: orNull(env.SPEC_BUDGET_USD), taskUsd: orNull(env.TASK_BUDGET_USD), orgDailyUsd: orNull(env.ORG_DAILY_BUDGET_USD) };
}
