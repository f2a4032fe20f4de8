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
 * The one price table, by model id, from Anthropic's published prices (platform.claude.com model pages, checked
 * 2026-11). Cache reads are no longer always 0.1× input (Opus/Sonnet 5.5: 0.05×, Fable 5.1: 0.025×), so each
 * rate is listed rather than derived. Two rows come from secondary sources that agree with each other, and should
 * be re-checked against the pricing page: Sonnet 5.5's cache read (cut from $0.20 to $0.10 on 2026-10-07) and
 * Fable/Mythos 5.2. Mythos models share their Fable counterpart's prices.
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
 * For a model the table does not know: the highest rate of each column, so a budget check errs towards stopping
 * early rather than overspending.
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
  const id = model
    .toLowerCase()
    .replace(/\[.*\]$/, "")
    .replace(/@.*$/, "")
    .replace(/-\d{8}$/, "");
  return MODEL_PRICING[id] ?? UNKNOWN_MODEL_PRICING;
}
