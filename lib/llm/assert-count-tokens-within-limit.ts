import { getPgPool } from "@/lib/db/pg-pool";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

/**
 * count_tokens calls cost the operator nothing per token but are still calls on its key and its rate limits, so a
 * sandbox gets LLM_COUNT_TOKENS_PER_MINUTE of them per clock minute. Counted on the sandbox's row in one conditional
 * update: PostgreSQL re-checks the condition on the locked row, so concurrent calls cannot overshoot, and the count
 * holds across web processes. Past it: 429 with Retry-After until the next minute.
 */
export async function assertCountTokensWithinLimit(sandboxId: string): Promise<void> {
  const limit = getEnv().LLM_COUNT_TOKENS_PER_MINUTE;
  if (limit === 0) return;
  const { rowCount } = await getPgPool().query({
    name: "count-tokens-limit",
    text: `
    UPDATE "Sandbox" SET
      "countTokensCalls" = CASE WHEN "countTokensWindowAt" = date_trunc('minute', localtimestamp) THEN "countTokensCalls" + 1 ELSE 1 END,
      "countTokensWindowAt" = date_trunc('minute', localtimestamp)
    WHERE id = $1 AND ("countTokensWindowAt" IS DISTINCT FROM date_trunc('minute', localtimestamp) OR "countTokensCalls" < $2)`,
    values: [sandboxId, limit],
  });
  if (rowCount === 0) {
    throw new AppError("rate_limited", `Too many count_tokens calls: at most ${limit} per minute per sandbox`, undefined, {
      retryAfterSeconds: 60 - new Date().getSeconds(),
    });
  }
}
