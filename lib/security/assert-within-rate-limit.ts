import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { createTokenBuckets, type TokenBuckets } from "@/lib/security/token-bucket";

/** Who is limited: an API key (by key id) or a sandbox (by sandbox id, whatever route or model call it makes). */
export type RateLimitedCaller = "api_key" | "sandbox";

const limiters = new Map<string, TokenBuckets>();

function limiterFor(kind: RateLimitedCaller): TokenBuckets | null {
  const env = getEnv();
  const [perMinute, burst] =
    kind === "api_key"
      ? [env.API_KEY_RATE_LIMIT_PER_MINUTE, env.API_KEY_RATE_LIMIT_BURST]
      : [env.SANDBOX_RATE_LIMIT_PER_MINUTE, env.SANDBOX_RATE_LIMIT_BURST];
  if (perMinute === 0) return null; // 0 turns the limit off
  // Keyed by the settings too, so a changed environment (reloadEnv) starts with fresh buckets.
  const name = `${kind}:${perMinute}:${burst}`;
  let limiter = limiters.get(name);
  if (!limiter) limiters.set(name, (limiter = createTokenBuckets({ perMinute, burst })));
  return limiter;
}

/**
 * Takes one request from the caller's token bucket, or throws 429 `rate_limited` with the seconds to wait (sent as
 * `Retry-After`). Called right after an API key or a sandbox token is authenticated, so every route they can reach
 * is covered; browser sessions are not limited here (sign-in has its own throttle in the database).
 *
 * The buckets live in this web process's memory, not in the database: a limiter protects the server from a runaway
 * client, and its state is disposable — a restart or another process only starts someone with a full bucket. With
 * N web processes a caller can get up to N times the limit, which is still a bound.
 */
export function assertWithinRateLimit(kind: RateLimitedCaller, id: string): void {
  const retryAfterSeconds = limiterFor(kind)?.take(id) ?? 0;
  if (retryAfterSeconds === 0) return;
  const who = kind === "api_key" ? "this API key" : "this sandbox";
  throw new AppError("rate_limited", `Too many requests from ${who}; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });
}
