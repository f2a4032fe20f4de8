/**
 * The one pricing table: USD per million tokens, by model family (matched by id prefix, longest first).
 * Cache writes cost 1.25× input (5-minute cache) and cache reads 0.1× input, as Anthropic bills them.
 * Unknown models are priced as the most expensive family, so a budget is never under-counted.
 */
export interface ModelPrice {
  input: number;
  output: number;
}

const PRICES: Record<string, ModelPrice> = {
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-opus-4-6": { input: 5, output: 25 },
  "claude-opus-4": { input: 15, output: 75 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "claude-haiku-4": { input: 1, output: 5 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
};
const FALLBACK: ModelPrice = { input: 15, output: 75 };
const PREFIXES = Object.keys(PRICES).sort((a, b) => b.length - a.length);

export function priceOf(model: string): ModelPrice {
  const prefix = PREFIXES.find((candidate) => model.startsWith(candidate));
  return prefix ? PRICES[prefix]! : FALLBACK;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export function costUsd(model: string, usage: TokenUsage): number {
  const price = priceOf(model);
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  return (
    usage.inputTokens * perToken(price.input) +
    usage.outputTokens * perToken(price.output) +
    usage.cacheWriteTokens * perToken(price.input * 1.25) +
    usage.cacheReadTokens * perToken(price.input * 0.1)
  );
}
