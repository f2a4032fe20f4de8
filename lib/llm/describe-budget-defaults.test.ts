import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { describeBudgetDefaults } from "@/lib/llm/describe-budget-defaults";

const NAMES = ["SPEC_BUDGET_USD", "TASK_BUDGET_USD", "ORG_DAILY_BUDGET_USD"] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  reloadEnv();
});

describe("the launch form's budget line", () => {
  it("shows the server's defaults, and says so when one is turned off", () => {
    for (const name of NAMES) delete process.env[name];
    reloadEnv();
    expect(describeBudgetDefaults()).toBe("Budget: $5 per spec, $5 per task (org daily cap $50)");
    Object.assign(process.env, { SPEC_BUDGET_USD: "2.5", TASK_BUDGET_USD: "0", ORG_DAILY_BUDGET_USD: "120" });
    reloadEnv();
    expect(describeBudgetDefaults()).toBe("Budget: $2.50 per spec, no limit per task (org daily cap $120)");
  });
});
