import { findModelPricing } from "@/lib/core/pricing";

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export const ZERO_USAGE: AgentUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
});

/** The token fields of an API response's `usage` (the cache fields are null when they do not apply). */
export interface ResponseUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Adds one response's usage to a running total. Each response is priced on its own, because a model's rates can
 * depend on that request's prompt size (Haiku 5.5's long-prompt rates).
 */
export function accumulateUsage(total: AgentUsage, model: string, usage: ResponseUsage): AgentUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const pricing = findModelPricing(model);
  const prompt = usage.input_tokens + cacheRead + cacheWrite;
  const rates = pricing.longPrompt && prompt > pricing.longPrompt.aboveTokens ? pricing.longPrompt : pricing;
  const cost =
    (usage.input_tokens * rates.input +
      usage.output_tokens * rates.output +
      cacheRead * rates.cacheRead +
      cacheWrite * rates.cacheWrite) /
    1_000_000;
  return {
    inputTokens: total.inputTokens + usage.input_tokens,
    outputTokens: total.outputTokens + usage.output_tokens,
    cacheReadTokens: total.cacheReadTokens + cacheRead,
    cacheWriteTokens: total.cacheWriteTokens + cacheWrite,
    costUsd: total.costUsd + cost,
  };
}
