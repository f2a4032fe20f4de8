import { APIError } from "@anthropic-ai/sdk";

/**
 * A failure in words for the spec's or task's error. A refusal of the OmoiOS proxy (a spent budget, a model it does not
 * serve) reads as its code and message — "budget_exceeded: The spec's budget of $5.00 is spent ($5.0100 used)" —
 * rather than the SDK's "402 {json}"; the API's own errors keep their type the same way.
 */
export function describeError(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) {
    const detail = (error.error as { error?: { code?: unknown; type?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof detail?.code === "string" ? detail.code : typeof detail?.type === "string" ? detail.type : undefined;
    if (code && typeof detail?.message === "string") return `${code}: ${detail.message} (HTTP ${error.status})`;
  }
  return error instanceof Error ? error.message : String(error);
}
