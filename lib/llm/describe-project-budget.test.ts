import { describe, expect, it } from "vitest";
import { describeProjectBudget } from "@/lib/llm/describe-project-budget";

describe("the launch form's budget line", () => {
  it("names where the budget comes from and what the organization spent today", () => {
    expect(
      describeProjectBudget({ specUsd: 5, taskUsd: 5, source: "default", orgDailyUsd: 50, orgSpentTodayUsd: 1.2, orgCapSpent: false }),
    ).toBe("Budget (server default): $5 per spec, $5 per task · organization: $1.20 of $50 spent today");
    expect(
      describeProjectBudget({ specUsd: 2.5, taskUsd: 2.5, source: "project", orgDailyUsd: null, orgSpentTodayUsd: 0, orgCapSpent: false }),
    ).toBe("Budget (this project's): $2.50 per spec, $2.50 per task · organization: no daily cap");
    expect(describeProjectBudget({ specUsd: null, taskUsd: 3, source: "default", orgDailyUsd: 10, orgSpentTodayUsd: 0, orgCapSpent: false })).toBe(
      "Budget (server default): no limit per spec, $3 per task · organization: $0 of $10 spent today",
    );
  });
});
