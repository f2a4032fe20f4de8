import { getPgPool } from "@/lib/db/pg-pool";
import { accumulateUsage, ZERO_USAGE, type ResponseUsage } from "@/lib/core/usage";
import { isPricedModel } from "@/lib/core/pricing";
import { log } from "@/lib/log";
import type { SpecPhase } from "@/lib/generated/prisma/client";
import type { ModelEndpoint } from "@/lib/llm/proxy-model-call";

export interface RecordLlmUsageOptions {
  sandboxId: string;
  specId: string | null;
  taskId: string | null;
  /** The organization whose daily spend the call counts against (ORG_DAILY_BUDGET_USD). */
  orgId: string | null;
  /** `messages/count_tokens` calls are recorded as rows of their own, without cost and without touching totals. */
  endpoint?: ModelEndpoint;
  phase: SpecPhase | null;
  model: string;
  /** As the API reported it. */
  usage: ResponseUsage;
  durationMs: number;
  status: number;
}

/**
 * One usage row per model call and the running totals on the spec, its running phase run, the task and the
 * organization's UTC day (what authorizeProxyCall checks the budgets against) — one statement, so it is atomic and
 * costs one round trip (plain pg: it runs after every model call). Returns the call's cost.
 */
export async function recordLlmUsage(options: RecordLlmUsageOptions): Promise<number> {
  if (options.endpoint === "messages/count_tokens") return recordCountTokens(options);
  // Priced by the same table and rules as the agent's own accounting (e.g. long-prompt rates). A model the table
  // does not know is recorded as unpriced at $0 rather than at a guessed rate; its tokens are what limits it.
  const unpriced = !isPricedModel(options.model);
  const u = accumulateUsage(ZERO_USAGE, options.model, options.usage);
  if (unpriced) u.costUsd = 0;
  // Named: planned once per connection, then only executed.
  await getPgPool().query({
    name: "record-llm-usage",
    text: `
    WITH usage AS (
      INSERT INTO "LlmUsage" (id, "sandboxId", "specId", "taskId", phase, model, "inputTokens", "outputTokens",
                              "cacheReadTokens", "cacheWriteTokens", "costUsd", "durationMs", status, unpriced)
      VALUES (gen_random_uuid()::text, $1, $2, $3,
              $4::"SpecPhase", $5, $6, $7,
              $8, $9, $10, $11, $12, $14)
      RETURNING 1),
    spec AS (
      UPDATE "Spec" SET "tokensIn" = "tokensIn" + $6, "tokensOut" = "tokensOut" + $7,
        "cacheReadTokens" = "cacheReadTokens" + $8, "cacheWriteTokens" = "cacheWriteTokens" + $9,
        "costUsd" = "costUsd" + $10, "updatedAt" = now()
      WHERE id = $2 RETURNING 1),
    run AS (
      UPDATE "PhaseRun" SET "tokensIn" = "tokensIn" + $6, "tokensOut" = "tokensOut" + $7,
        "cacheReadTokens" = "cacheReadTokens" + $8, "cacheWriteTokens" = "cacheWriteTokens" + $9,
        "costUsd" = "costUsd" + $10
      -- The phase's latest attempt: the call may be metered just after its checkpoint marked it passed.
      WHERE id = (SELECT id FROM "PhaseRun" WHERE "specId" = $2 AND phase = $4::"SpecPhase" ORDER BY attempt DESC LIMIT 1)
      RETURNING 1),
    task AS (
      UPDATE "Task" SET "costUsd" = "costUsd" + $10, "updatedAt" = now() WHERE id = $3 RETURNING 1),
    org AS (
      INSERT INTO "OrgDailyUsage" ("orgId", day, "costUsd", calls)
      SELECT $13, (now() AT TIME ZONE 'UTC')::date, $10, 1 WHERE $13::text IS NOT NULL
      ON CONFLICT ("orgId", day) DO UPDATE SET "costUsd" = "OrgDailyUsage"."costUsd" + EXCLUDED."costUsd", calls = "OrgDailyUsage".calls + 1
      RETURNING 1)
    SELECT 1`,
    values: [
      options.sandboxId,
      options.specId,
      options.taskId,
      options.phase,
      options.model,
      u.inputTokens,
      u.outputTokens,
      u.cacheReadTokens,
      u.cacheWriteTokens,
      u.costUsd,
      options.durationMs,
      options.status,
      options.orgId,
      unpriced,
    ],
  });
  return u.costUsd;
}

/** A count_tokens call: metered (its counted input tokens, no output, no cost) but not spent, so no totals change. */
async function recordCountTokens(options: RecordLlmUsageOptions): Promise<number> {
  await getPgPool().query({
    name: "record-count-tokens",
    text: `
    INSERT INTO "LlmUsage" (id, "sandboxId", "specId", "taskId", phase, model, endpoint, "inputTokens", "costUsd", "durationMs", status)
    VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"SpecPhase", $5, 'messages/count_tokens', $6, 0, $7, $8)`,
    values: [options.sandboxId, options.specId, options.taskId, options.phase, options.model, options.usage.input_tokens, options.durationMs, options.status],
  });
  return 0;
}

const pending = new Set<Promise<unknown>>();

/**
 * Records after the response has gone out, so metering adds nothing to the call's latency. Shutdown and tests wait
 * for what is still being written with settleLlmUsage().
 */
export function recordLlmUsageInBackground(options: RecordLlmUsageOptions): void {
  const write = recordLlmUsage(options)
    .catch((error) => log.error("could not record model usage", { sandboxId: options.sandboxId, error }))
    .finally(() => pending.delete(write));
  pending.add(write);
}

export async function settleLlmUsage(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
