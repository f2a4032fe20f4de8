import { getPgPool } from "@/lib/db/pg-pool";
import { getBudgetDefaults } from "@/lib/llm/get-budget-defaults";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { assertWithinRateLimit } from "@/lib/rate-limit/assert-within-rate-limit";
import { hashSandboxToken, SANDBOX_TOKEN_PREFIX } from "@/lib/auth/issue-sandbox-token";
import type { SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";

/** The sandbox behind a model call, and the organization its spend counts against. */
export interface ProxyCaller extends SandboxCaller {
  orgId: string | null;
}

type BudgetSource = "own" | "project" | "default";

interface Row {
  id: string;
  specId: string | null;
  taskId: string | null;
  purpose: "spec" | "task" | "integration";
  orgId: string | null;
  specCost: unknown;
  specBudget: unknown;
  specBudgetSource: BudgetSource;
  taskCost: unknown;
  taskBudget: unknown;
  taskBudgetSource: BudgetSource;
  orgSpentToday: unknown;
  /** Input + output tokens of the spec's (spec sandboxes) or the task's unpriced calls; null when not limited. */
  unpricedTokens: unknown;
}

const money = (value: unknown) => (value === null || value === undefined ? null : Number(value));
/** Cents for ordinary budgets, more digits for tiny ones (a $0.001 test budget is not "$0.00"). */
const usd = (amount: number) => `$${amount.toFixed(Number.isInteger(Math.round(amount * 1e6) / 1e4) ? 2 : 4)}`;

/**
 * Checks a model call in one query, because it sits in front of every call an agent makes: the token must be a
 * live sandbox's (the sandbox creating or running, the token neither revoked nor past its cap), the spec's budget
 * (its own, else its project's, else SPEC_BUDGET_USD) or the task's (`executionConfig.budgetUsd`, else its
 * project's, else TASK_BUDGET_USD) must not be spent, and neither may the organization's ORG_DAILY_BUDGET_USD for
 * the UTC day (OrgDailyUsage, kept by recordLlmUsage), nor the tokens of unpriced models
 * (LLM_UNPRICED_MAX_TOKENS_PER_TASK, summed from LlmUsage). Budgets are hard stops (402 budget_exceeded with the reason,
 * which the agent reports as its spec's or task's failure); an agent overshoots by at most one call. The call counts
 * against the sandbox's rate limit, the same bucket as its callbacks (authenticateSandboxToken).
 */
export async function authorizeProxyCall(token: string | null): Promise<ProxyCaller> {
  if (!token?.startsWith(SANDBOX_TOKEN_PREFIX)) throw new AppError("unauthorized", "A sandbox token is required");
  const defaults = getBudgetDefaults();
  const unpricedLimit = getEnv().LLM_UNPRICED_MAX_TOKENS_PER_TASK;
  const { rows } = await getPgPool().query<Row>({
    // Named: planned once per connection, then only executed.
    name: "authorize-proxy-call",
    text: `
    SELECT s.id, s."specId", s."taskId", s.purpose::text AS purpose, COALESCE(spp."orgId", tp."orgId") AS "orgId",
           sp."costUsd" AS "specCost", COALESCE(sp."budgetUsd", spp."budgetUsd", $2::numeric) AS "specBudget",
           CASE WHEN sp."budgetUsd" IS NOT NULL THEN 'own' WHEN spp."budgetUsd" IS NOT NULL THEN 'project' ELSE 'default' END AS "specBudgetSource",
           t."costUsd" AS "taskCost",
           COALESCE(tb.own, tp."budgetUsd", $3::numeric) AS "taskBudget",
           CASE WHEN tb.own IS NOT NULL THEN 'own' WHEN tp."budgetUsd" IS NOT NULL THEN 'project' ELSE 'default' END AS "taskBudgetSource",
           od."costUsd" AS "orgSpentToday",
           -- Summed only when limited; LlmUsage is indexed by spec and by task, and a task makes hundreds of calls.
           -- Two plain lookups, not one with a conditional join key: each can use its index.
           CASE WHEN $4::int <= 0 THEN NULL
                WHEN s.purpose = 'spec' THEN (SELECT COALESCE(SUM(u."inputTokens" + u."outputTokens"), 0) FROM "LlmUsage" u WHERE u."specId" = s."specId" AND u.unpriced)
                ELSE (SELECT COALESCE(SUM(u."inputTokens" + u."outputTokens"), 0) FROM "LlmUsage" u WHERE u."taskId" = s."taskId" AND u.unpriced)
           END AS "unpricedTokens"
    FROM "Sandbox" s
    LEFT JOIN "Spec" sp ON sp.id = s."specId"
    LEFT JOIN "Project" spp ON spp.id = sp."projectId"
    LEFT JOIN "Task" t ON t.id = s."taskId"
    LEFT JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(t."executionConfig"->'budgetUsd') = 'number'
                                   THEN (t."executionConfig"->>'budgetUsd')::numeric END AS own) tb ON true
    LEFT JOIN "Ticket" tk ON tk.id = t."ticketId"
    LEFT JOIN "Project" tp ON tp.id = tk."projectId"
    LEFT JOIN "OrgDailyUsage" od ON od."orgId" = COALESCE(spp."orgId", tp."orgId") AND od.day = (now() AT TIME ZONE 'UTC')::date
    WHERE s."tokenHash" = $1 AND s."tokenRevokedAt" IS NULL AND s."tokenExpiresAt" > now()
      AND s.status IN ('creating', 'running')`,
    values: [hashSandboxToken(token), defaults.specUsd, defaults.taskUsd, unpricedLimit],
  });
  const row = rows[0];
  if (!row) throw new AppError("unauthorized", "Invalid, expired or revoked sandbox token, or its sandbox has ended");
  await assertWithinRateLimit("sandbox", row.id);
  // An integration sandbox runs the project's tests and nothing else: code under test never gets a model on our bill.
  if (row.purpose === "integration") throw new AppError("forbidden", "An integration sandbox may not call models");

  const [specCost, specBudget] = [money(row.specCost), money(row.specBudget)];
  if (row.purpose === "spec" && specCost !== null && specBudget !== null && specCost >= specBudget) {
    throw new AppError("budget_exceeded", `${describeBudget("spec", row.specBudgetSource, specBudget)} is spent ($${specCost.toFixed(4)} used)`);
  }
  const [taskCost, taskBudget] = [money(row.taskCost), money(row.taskBudget)];
  if (taskCost !== null && taskBudget !== null && taskCost >= taskBudget) {
    throw new AppError("budget_exceeded", `${describeBudget("task", row.taskBudgetSource, taskBudget)} is spent ($${taskCost.toFixed(4)} used)`);
  }
  // Unpriced models cost $0 in the books, so the USD budgets above never stop them: their tokens are the limit.
  const unpricedTokens = money(row.unpricedTokens);
  if (unpricedLimit > 0 && unpricedTokens !== null && unpricedTokens >= unpricedLimit) {
    const of = row.purpose === "spec" ? "spec" : "task";
    throw new AppError(
      "budget_exceeded",
      `The ${of} has used ${unpricedTokens} tokens of models without a price, the server's limit of ${unpricedLimit} (LLM_UNPRICED_MAX_TOKENS_PER_TASK)`,
    );
  }
  const orgSpent = money(row.orgSpentToday) ?? 0;
  if (row.orgId && defaults.orgDailyUsd !== null && orgSpent >= defaults.orgDailyUsd) {
    throw new AppError(
      "budget_exceeded",
      `The organization's daily budget of ${usd(defaults.orgDailyUsd)} (ORG_DAILY_BUDGET_USD) is spent ($${orgSpent.toFixed(4)} used today); it renews at 00:00 UTC`,
    );
  }
  return { sandboxId: row.id, specId: row.specId, taskId: row.taskId, purpose: row.purpose, orgId: row.orgId };
}

/** Where the limit came from, so the person reading the failure knows what to change. */
function describeBudget(of: "spec" | "task", source: BudgetSource, limit: number) {
  const amount = usd(limit);
  if (source === "own") return `The ${of}'s budget of ${amount}`;
  if (source === "project") return `The project's budget of ${amount} for each ${of}`;
  return `The server's default budget of ${amount} per ${of} (${of === "spec" ? "SPEC_BUDGET_USD" : "TASK_BUDGET_USD"}; an owner or admin can set the project's own)`;
}
