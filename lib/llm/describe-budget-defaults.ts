import { getBudgetDefaults } from "@/lib/llm/get-budget-defaults";

const usd = (amount: number | null) => (amount === null ? "no limit" : `$${Number.isInteger(amount) ? amount : amount.toFixed(2)}`);

/** One line for the launch form, read on the server: "Budget: $5 per spec, $5 per task (org daily cap $50)". */
export function describeBudgetDefaults(): string {
  const { specUsd, taskUsd, orgDailyUsd } = getBudgetDefaults();
  return `Budget: ${usd(specUsd)} per spec, ${usd(taskUsd)} per task (org daily cap ${usd(orgDailyUsd)})`;
}
