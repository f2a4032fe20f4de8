import { RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { getRateLimiter, retryAfterSeconds } from "@/lib/rate-limit/get-rate-limiter";

/** Who is limited: an API key (by key id) or a sandbox (by sandbox id, whatever route or model call it makes). */
export type RateLimitedCaller = "api_key" | "sandbox";

/**
 * Takes one request from the caller's allowance, or throws 429 `rate_limited` with the seconds to wait (sent as
 * `Retry-After`). Called right after an API key or a sandbox token is authenticated, so every route they can reach
 * is covered; browser sessions are not limited here (sign-in has its own throttles).
 *
 * The count is in PostgreSQL (lib/rate-limit/get-rate-limiter.ts), so N web processes still give one limit, not N: a
 * window of BURST requests that lasts BURST / PER_MINUTE minutes. It is on every agent request, so it costs one
 * statement on an unlogged table (measured on the embedded database: 0.23 ms a call, what a `SELECT 1` costs; the
 * same table logged took 0.6–0.85 ms), and a caller that has used its window is then refused from this process's
 * memory until the window ends — a runaway client costs no queries at all, so no in-process tier is needed in front.
 * Fixed windows allow up to twice the burst across a window boundary; that is still a bound.
 */
export async function assertWithinRateLimit(kind: RateLimitedCaller, id: string): Promise<void> {
  const env = getEnv();
  const [perMinute, burst] =
    kind === "api_key"
      ? [env.API_KEY_RATE_LIMIT_PER_MINUTE, env.API_KEY_RATE_LIMIT_BURST]
      : [env.SANDBOX_RATE_LIMIT_PER_MINUTE, env.SANDBOX_RATE_LIMIT_BURST];
  if (perMinute === 0) return; // 0 turns the limit off
  const limiter = getRateLimiter({ keyPrefix: kind, points: burst, durationSeconds: (burst * 60) / perMinute, isBlockedInMemory: true });
  try {
    await limiter.consume(id);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal; // the database failed: answered as such, never as 429
    const seconds = retryAfterSeconds(refusal.msBeforeNext);
    const who = kind === "api_key" ? "this API key" : "this sandbox";
    throw new AppError("rate_limited", `Too many requests from ${who}; try again in ${seconds} s`, undefined, { retryAfterSeconds: seconds });
  }
}
