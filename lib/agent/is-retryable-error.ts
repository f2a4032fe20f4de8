import { AnthropicError, APIConnectionError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";

/** Error types the API sends in a stream's `error` event (no HTTP status) that are worth another try. */
const TRANSIENT_TYPES = new Set(["overloaded_error", "api_error", "rate_limit_error", "timeout_error"]);
/** How a connection that died while a body was being read shows up (undici, Node). */
const CONNECTION_LOST = /terminated|ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET|EPIPE/i;

/**
 * Whether a failed model call may succeed if sent again: rate limits, overload, server errors and lost
 * connections, including those that happen mid-stream (which the SDK's own retries do not cover, since they only
 * retry before a response starts). Cancellation is never retried; neither are malformed responses or 4xx errors.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    if (error.status === undefined) return error.type !== null && TRANSIENT_TYPES.has(error.type);
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  }
  if (error instanceof AnthropicError || error instanceof TypeError) return causeChainMatches(error, CONNECTION_LOST);
  return false;
}

function causeChainMatches(error: unknown, pattern: RegExp): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (pattern.test(current.message) || pattern.test(String((current as NodeJS.ErrnoException).code ?? ""))) return true;
  }
  return false;
}
