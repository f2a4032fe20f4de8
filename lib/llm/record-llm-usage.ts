import { getPgPool } from "@/lib/db/pg-pool";
import { accumulateUsage, ZERO_USAGE, type ResponseUsage } from "@/lib/agent/usage";
import { log } from "@/lib/log";
import type { SpecPhase } from "@/lib/generated/prisma/client";

export interface RecordLlmUsageOptions {
  sandboxId: string;
  specId: string | null;
  taskId: string | null;
  phase: SpecPhase | null;
  model: string;
  /** As the API reported it. */
  usage: ResponseUsage;
  durationMs: number;
  status: number;
}

/**
 * One usage row per model call and the running totals on the spec, its running phase run and the task — one
 * statement, so it is atomic and costs one round trip (plain pg: it runs after every model call). Returns the call's cost.
 */
export async function recordLlmUsage(options: RecordLlmUsageOptions): Promise<number> {
  // Priced by the same table and rules as the agent's own accounting (e.g. long-prompt rates).
  const u = accumulateUsage(ZERO_USAGE, options.model, options.usage);
  // Named: planned once per connection, then only executed.
  await getPgPool().query({
    name: "record-llm-usage",
    text: `
    WITH usage AS (
      INSERT INTO "LlmUsage" (id, "sandboxId", "specId", "taskId", phase, model, "inputTokens", "outputTokens",
                              "cacheReadTokens", "cacheWriteTokens", "costUsd", "durationMs", status)
      VALUES (gen_random_uuid()::text, $1, $2, $3,
              $4::"SpecPhase", $5, $6, $7,
              $8, $9, $10, $11, $12)
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
      UPDATE "Task" SET "costUsd" = "costUsd" + $10, "updatedAt" = now() WHERE id = $3 RETURNING 1)
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
    ],
  });
  return u.costUsd;
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
