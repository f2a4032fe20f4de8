import { AppError } from "@/lib/http/errors";
import { getModelPolicy } from "@/lib/llm/get-model-policy";
import type { ModelEndpoint } from "@/lib/llm/proxy-model-call";

export interface ModelRequestCheck {
  payload: Uint8Array;
  endpoint: ModelEndpoint;
  /** The request's `anthropic-beta` header (comma-separated values), if any. */
  betaHeader: string | null;
}

/**
 * The proxy's policy, applied before anything goes upstream: the body is a JSON object naming an allowed model,
 * `max_tokens` is within LLM_MAX_TOKENS (refused above it, never rewritten: the caller learns its real limit), every
 * `anthropic-beta` value is allowlisted, and every tool is a custom one — server tools (web search, code execution…)
 * are billed per use, outside the token metering that budgets rely on. The body itself is forwarded byte for byte.
 * Returns the requested model (for metering count_tokens, whose answer names none).
 */
export function assertModelRequestAllowed({ payload, endpoint, betaHeader }: ModelRequestCheck): { model: string } {
  const policy = getModelPolicy();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString("utf8"));
  } catch {
    body = undefined;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("validation_failed", "A Messages API request needs a JSON object body", { fields: { "": ["Expected a JSON object"] } });
  }
  const request = body as { model?: unknown; max_tokens?: unknown; tools?: unknown };

  const allowedList = policy.allowedModels.join(", ");
  if (typeof request.model !== "string" || request.model === "") {
    throw new AppError("validation_failed", `A model is required (this server serves ${allowedList})`, { fields: { model: ["Required"] } });
  }
  if (!policy.isModelAllowed(request.model)) {
    throw new AppError("model_not_allowed", `The model "${request.model.slice(0, 100)}" is not served by this OmoiOS server; allowed: ${allowedList}`, {
      allowed: policy.allowedModels,
    });
  }
  if (endpoint === "messages" && typeof request.max_tokens === "number" && request.max_tokens > policy.maxTokens) {
    throw new AppError("validation_failed", `max_tokens ${request.max_tokens} is above this server's limit of ${policy.maxTokens} (LLM_MAX_TOKENS)`, {
      fields: { max_tokens: [`At most ${policy.maxTokens}`] },
    });
  }
  for (const tool of Array.isArray(request.tools) ? (request.tools as unknown[]) : []) {
    const type = typeof tool === "object" && tool !== null ? (tool as { type?: unknown }).type : undefined;
    if (type !== undefined && type !== null && type !== "custom") {
      throw new AppError("tool_not_allowed", `The tool type "${String(type).slice(0, 100)}" is not allowed: this server forwards custom tools only`);
    }
  }
  const betas = (betaHeader ?? "").split(",").map((value) => value.trim()).filter(Boolean);
  const refused = betas.find((beta) => !policy.allowedBetas.includes(beta));
  if (refused) {
    const allowed = policy.allowedBetas.length > 0 ? `allowed: ${policy.allowedBetas.join(", ")}` : "none are allowed (LLM_ALLOWED_BETAS)";
    throw new AppError("beta_not_allowed", `The anthropic-beta value "${refused.slice(0, 100)}" is not allowed on this server; ${allowed}`, {
      allowed: policy.allowedBetas,
    });
  }
  return { model: request.model };
}
