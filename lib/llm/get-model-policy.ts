import { listCurrentModels } from "@/lib/core/model-catalog";
import { canonicalModelId } from "@/lib/core/pricing";
import { getEnv, type Env } from "@/lib/env";

export interface ModelPolicy {
  /** Model ids the proxy forwards, AGENT_MODEL included. */
  allowedModels: readonly string[];
  maxTokens: number;
  allowedBetas: readonly string[];
  isModelAllowed(model: string): boolean;
}

const list = (value: string) => [...new Set(value.split(",").map((item) => item.trim()).filter(Boolean))];
const cache = new WeakMap<Env, ModelPolicy>();

/**
 * What the LLM proxy forwards, from the environment: the server decides the model, not the sandbox. A dated or
 * decorated spelling of an allowed model (`claude-haiku-4-5-20251001`) is allowed with it. Computed once per
 * parsed environment, since it is asked on every model call.
 */
export function getModelPolicy(env: Env = getEnv()): ModelPolicy {
  const cached = cache.get(env);
  if (cached) return cached;
  const configured = list(env.LLM_ALLOWED_MODELS);
  const allowedModels = [...new Set([...(configured.length > 0 ? configured : listCurrentModels()), env.AGENT_MODEL])];
  const allowed = new Set(allowedModels);
  const policy: ModelPolicy = {
    allowedModels,
    maxTokens: env.LLM_MAX_TOKENS,
    allowedBetas: list(env.LLM_ALLOWED_BETAS),
    isModelAllowed: (model) => allowed.has(model) || allowed.has(canonicalModelId(model)),
  };
  cache.set(env, policy);
  return policy;
}
