/** USD per million tokens. `cacheWrite` is the 5-minute write rate: the agent loop only writes 5-minute entries. */
export interface TokenRates {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface ModelPricing extends TokenRates {
  /** Rates for every token of a request whose prompt (input + cache read + cache write) exceeds `aboveTokens`. */
  longPrompt?: TokenRates & { aboveTokens: number };
}

const OPUS_4_5_TO_5: ModelPricing = { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 };
const SONNET_4: ModelPricing = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const FABLE_5_2: ModelPricing = { input: 8, output: 40, cacheRead: 0.2, cacheWrite: 10 };
const FABLE_5_1: ModelPricing = { input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5 };
const FABLE_5: ModelPricing = { input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5 };

/**
 * The one price table, by model id, in USD per million tokens, read 2026-12 through the documentation search:
 * - the pricing page, https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input, 5m cache
 *   writes, cache hits, output): the Fable/Mythos 5 and 5.1, Opus 4.5 – 5, Sonnet 4.5/4.6 and Haiku 4.5 rows;
 * - the model pages, https://platform.claude.com/docs/en/models/<model>/overview: Sonnet 5, Sonnet 5.5, Opus 5.5 and
 *   Haiku 5.5 (with its 100K-token prompt band), and Fable 5.2's $8 / $40 on their comparison tables.
 * Cache reads are not always 0.1× input (Opus 5.5: 0.05×, Fable 5.1: 0.025×), so every rate is listed. Two cells
 * could only be read second-hand: Sonnet 5.5's cache read — $0.20 on the stored copy of its model page, cut to $0.10
 * on 2026-10-07 as several trackers of the live pricing page report — and Fable/Mythos 5.2's cache rates. Mythos
 * models share their Fable counterpart's prices. Retired and deprecated models stay here so that their past usage
 * keeps its price (lib/core/model-catalog.ts says which ones may still be used).
 */
export const MODEL_PRICING: Readonly<Record<string, ModelPricing>> = {
  "claude-fable-5-2": FABLE_5_2,
  "claude-mythos-5-2": FABLE_5_2,
  "claude-fable-5-1": FABLE_5_1,
  "claude-mythos-5-1": FABLE_5_1,
  "claude-fable-5": FABLE_5,
  "claude-mythos-5": FABLE_5,
  "claude-opus-5-5": { input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 },
  "claude-opus-5": OPUS_4_5_TO_5,
  "claude-opus-4-8": OPUS_4_5_TO_5,
  "claude-opus-4-7": OPUS_4_5_TO_5,
  "claude-opus-4-6": OPUS_4_5_TO_5,
  "claude-opus-4-5": OPUS_4_5_TO_5,
  "claude-sonnet-5-5": { input: 2, output: 10, cacheRead: 0.1, cacheWrite: 2.5 },
  "claude-sonnet-5": { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  "claude-sonnet-4-6": SONNET_4,
  "claude-sonnet-4-5": SONNET_4,
  "claude-haiku-5-5": {
    input: 0.1,
    output: 0.5,
    cacheRead: 0.01,
    cacheWrite: 0.125,
    longPrompt: { aboveTokens: 100_000, input: 0.5, output: 2.5, cacheRead: 0.05, cacheWrite: 0.625 },
  },
  "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
};

/**
 * For a model the table does not know: the highest rate of each column, so the agent's own running estimate errs
 * towards stopping early. The server's books never charge it (recordLlmUsage records such calls as unpriced, $0,
 * and LLM_UNPRICED_MAX_TOKENS_PER_TASK bounds them): a local or third-party model has no Anthropic price.
 */
export const UNKNOWN_MODEL_PRICING: ModelPricing = (() => {
  const rows = Object.values(MODEL_PRICING).flatMap((row) => (row.longPrompt ? [row, row.longPrompt] : [row]));
  return {
    input: Math.max(...rows.map((row) => row.input)),
    output: Math.max(...rows.map((row) => row.output)),
    cacheRead: Math.max(...rows.map((row) => row.cacheRead)),
    cacheWrite: Math.max(...rows.map((row) => row.cacheWrite)),
  };
})();

/**
 * Pricing of a model id. Accepts dated and decorated spellings of a listed model (`claude-haiku-4-5-20251001`,
 * `claude-opus-5-5[1m]`, `claude-opus-4-1@20250805`).
 */
export function findModelPricing(model: string): ModelPricing {
  return MODEL_PRICING[canonicalModelId(model)] ?? UNKNOWN_MODEL_PRICING;
}

/** Whether the price table knows the model (in any of its dated or decorated spellings). */
export function isPricedModel(model: string): boolean {
  return Object.hasOwn(MODEL_PRICING, canonicalModelId(model));
}

/** A model id without its date, platform version or context decoration: `claude-opus-5-5[1m]` → `claude-opus-5-5`. */
export function canonicalModelId(model: string): string {
  return model
    .toLowerCase()
    .replace(/\[.*\]$/, "")
    .replace(/@.*$/, "")
    .replace(/-\d{8}$/, "");
}
