import { describe, expect, it } from "vitest";
import { costUsd, priceOf } from "@/lib/llm/pricing";

describe("pricing", () => {
  it("matches the most specific model family", () => {
    expect(priceOf("claude-opus-4-5-20251101").input).toBe(5);
    expect(priceOf("claude-opus-4-1-20250805").input).toBe(15);
    expect(priceOf("claude-sonnet-4-5").output).toBe(15);
  });

  it("prices cache reads at a tenth and cache writes at 1.25× of input", () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 };
    expect(costUsd("claude-sonnet-4-5", usage)).toBeCloseTo(3 + 15 + 0.3 + 3.75, 6);
  });

  it("prices unknown models as the most expensive family", () => {
    expect(priceOf("some-new-model")).toEqual({ input: 15, output: 75 });
  });
});
