import { canonicalModelId, MODEL_PRICING } from "@/lib/core/pricing";

/**
 * The model agents use unless AGENT_MODEL says otherwise: the current Sonnet (Anthropic's models overview, read
 * 2026-12: Sonnet 5.5 is "the current Sonnet model"; Sonnet 5 is legacy, Sonnet 4.5 retired on 2026-11-30). A test
 * fails when the pinned @anthropic-ai/sdk marks it deprecated (lib/core/model-catalog.test.ts).
 */
export const DEFAULT_AGENT_MODEL = "claude-sonnet-5-5";

/**
 * Models of the price table Anthropic has deprecated or retired, with the retirement date, from
 * https://platform.claude.com/docs/en/about-claude/model-deprecations and the SDK's own table (every model the SDK
 * warns about is here; the test above checks it). They stay priced, but are not served by default.
 */
export const DEPRECATED_MODELS: Readonly<Record<string, string>> = {
  "claude-sonnet-4-5": "2026-11-30",
  "claude-mythos-preview": "2026-06-30",
};

export type ModelStatus = { status: "current" } | { status: "deprecated"; retiresOn: string } | { status: "unknown" };

/** Whether a model id (dated and decorated spellings included) is current, deprecated or not in the price table. */
export function getModelStatus(model: string): ModelStatus {
  const id = canonicalModelId(model);
  const retiresOn = DEPRECATED_MODELS[id];
  if (retiresOn) return { status: "deprecated", retiresOn };
  return MODEL_PRICING[id] ? { status: "current" } : { status: "unknown" };
}

/** The price table's models that are not deprecated: what the LLM proxy serves when LLM_ALLOWED_MODELS is unset. */
export function listCurrentModels(): string[] {
  return Object.keys(MODEL_PRICING).filter((id) => !DEPRECATED_MODELS[id]);
}
