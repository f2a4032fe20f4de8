import { getPgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/http/errors";
import { assertWithinRateLimit } from "@/lib/security/assert-within-rate-limit";
import { hashSandboxToken, SANDBOX_TOKEN_PREFIX } from "@/lib/sandbox/issue-sandbox-token";
import type { SandboxCaller } from "@/lib/sandbox/authenticate-sandbox-token";

interface Row {
  id: string;
  specId: string | null;
  taskId: string | null;
  purpose: "spec" | "task";
  specCost: unknown;
  specBudget: unknown;
  taskCost: unknown;
  taskBudget: unknown;
}

const money = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * Checks a model call in one query, because it sits in front of every call an agent makes: the token must be a
 * live sandbox token (not revoked, not expired), and the spec's budget (its own, else its project's) or the task's
 * (`executionConfig.budgetUsd`, else its project's) must not be spent. An agent overshoots by at most one call.
 * The call counts against the sandbox's rate limit, the same bucket as its callbacks (authenticateSandboxToken).
 */
export async function authorizeProxyCall(token: string | null): Promise<SandboxCaller> {
  if (!token?.startsWith(SANDBOX_TOKEN_PREFIX)) throw new AppError("unauthorized", "A sandbox token is required");
  const { rows } = await getPgPool().query<Row>({
    // Named: planned once per connection, then only executed.
    name: "authorize-proxy-call",
    text: `
    SELECT s.id, s."specId", s."taskId", s.purpose::text AS purpose,
           sp."costUsd" AS "specCost", COALESCE(sp."budgetUsd", spp."budgetUsd") AS "specBudget",
           t."costUsd" AS "taskCost",
           COALESCE(CASE WHEN jsonb_typeof(t."executionConfig"->'budgetUsd') = 'number'
                         THEN (t."executionConfig"->>'budgetUsd')::numeric END, tp."budgetUsd") AS "taskBudget"
    FROM "Sandbox" s
    LEFT JOIN "Spec" sp ON sp.id = s."specId"
    LEFT JOIN "Project" spp ON spp.id = sp."projectId"
    LEFT JOIN "Task" t ON t.id = s."taskId"
    LEFT JOIN "Ticket" tk ON tk.id = t."ticketId"
    LEFT JOIN "Project" tp ON tp.id = tk."projectId"
    WHERE s."tokenHash" = $1 AND s."tokenRevokedAt" IS NULL AND s."tokenExpiresAt" > now()`,
    values: [hashSandboxToken(token)],
  });
  const row = rows[0];
  if (!row) throw new AppError("unauthorized", "Invalid, expired or revoked sandbox token");
  assertWithinRateLimit("sandbox", row.id);

  const [specCost, specBudget] = [money(row.specCost), money(row.specBudget)];
  if (row.purpose === "spec" && specCost !== null && specBudget !== null && specCost >= specBudget) {
    throw new AppError("budget_exceeded", `The spec's budget of $${specBudget.toFixed(2)} is spent ($${specCost.toFixed(4)} used)`);
  }
  const [taskCost, taskBudget] = [money(row.taskCost), money(row.taskBudget)];
  if (taskCost !== null && taskBudget !== null && taskCost >= taskBudget) {
    throw new AppError("budget_exceeded", `The task's budget of $${taskBudget.toFixed(2)} is spent ($${taskCost.toFixed(4)} used)`);
  }
  return { sandboxId: row.id, specId: row.specId, taskId: row.taskId, purpose: row.purpose };
}
