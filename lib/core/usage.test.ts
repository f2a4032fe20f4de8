import { describe, expect, it } from "vitest";
import { findModelPricing, MODEL_PRICING, UNKNOWN_MODEL_PRICING } from "@/lib/core/pricing";
import { accumulateUsage, ZERO_USAGE } from "@/lib/core/usage";

describe("pricing and usage", () => {
  it("finds a model's row under dated and decorated ids, and prices unknown models at the highest rates", () => {
    expect(findModelPricing("claude-haiku-4-5-20251001")).toBe(MODEL_PRICING["claude-haiku-4-5"]);
    expect(findModelPricing("claude-opus-5-5[1m]")).toBe(MODEL_PRICING["claude-opus-5-5"]);
    expect(findModelPricing("claude-future-9")).toBe(UNKNOWN_MODEL_PRICING);
    for (const row of Object.values(MODEL_PRICING)) {
      expect(UNKNOWN_MODEL_PRICING.input).toBeGreaterThanOrEqual(row.input);
      expect(UNKNOWN_MODEL_PRICING.output).toBeGreaterThanOrEqual(row.output);
      expect(UNKNOWN_MODEL_PRICING.cacheRead).toBeGreaterThanOrEqual(row.cacheRead);
      expect(UNKNOWN_MODEL_PRICING.cacheWrite).toBeGreaterThanOrEqual(row.cacheWrite);
    }
  });

  it("adds tokens and prices each response, by prompt size where a model has two bands", () => {
    const once = accumulateUsage(ZERO_USAGE, "claude-opus-5-5", {
      input_tokens: 1_000_000,
      output_tokens: 100_000,
      cache_read_input_tokens: 2_000_000,
      cache_creation_input_tokens: null,
    });
    expect(once).toMatchObject({ inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 2_000_000, cacheWriteTokens: 0 });
    expect(once.costUsd).toBeCloseTo(4 + 2 + 0.4, 12);

    const short = accumulateUsage(ZERO_USAGE, "claude-haiku-5-5", { input_tokens: 50_000, output_tokens: 1_000 });
    const long = accumulateUsage(ZERO_USAGE, "claude-haiku-5-5", { input_tokens: 150_000, output_tokens: 1_000 });
    expect(short.costUsd).toBeCloseTo((50_000 * 0.1 + 1_000 * 0.5) / 1e6, 12);
    expect(long.costUsd).toBeCloseTo((150_000 * 0.5 + 1_000 * 2.5) / 1e6, 12);
  });
});
