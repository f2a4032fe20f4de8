import { RateLimiterPostgres } from "rate-limiter-flexible";
import { getPgPool } from "@/lib/db/pg-pool";

export interface RateLimiterSettings {
  /** Names the counter: its rows are `<keyPrefix>:<key>` in the RateLimit table. Unique per purpose. */
  keyPrefix: string;
  /** Points (requests, failures) a key may consume in one window. */
  points: number;
  /** Length of a window, in seconds; it starts with the key's first point. */
  durationSeconds: number;
  /** Once a key goes past its points, it stays refused this long from that moment (a lock), in seconds. */
  blockSeconds?: number;
  /**
   * Once a key has used its points, this process refuses it from memory until its window ends, without a query: a
   * client far over its limit costs the database nothing more. Only for counters that never give points back.
   */
  isBlockedInMemory?: boolean;
}

/** The table the migration 20261203121500_shared_rate_limits created (prisma model RateLimit). */
const TABLE = "RateLimit";

const limiters = new Map<string, RateLimiterPostgres>();

/**
 * A fixed-window counter kept in PostgreSQL (rate-limiter-flexible's store), so a limit holds for all web processes
 * together rather than for each. A consume is one statement (an INSERT … ON CONFLICT DO UPDATE … RETURNING, named so
 * each connection plans it once) on the plain pool of lib/db/pg-pool.ts. Limiters are kept per settings, so a
 * changed environment (reloadEnv) gets a new one.
 */
export function getRateLimiter(settings: RateLimiterSettings): RateLimiterPostgres {
  const name = JSON.stringify(settings);
  let limiter = limiters.get(name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: getPgPool(),
      storeType: "pool",
      tableName: TABLE,
      // The migration made the table: the app's role needs no DDL at run time, and no request races its creation.
      tableCreated: true,
      keyPrefix: settings.keyPrefix,
      points: settings.points,
      duration: settings.durationSeconds,
      blockDuration: settings.blockSeconds ?? 0,
      inMemoryBlockOnConsumed: settings.isBlockedInMemory ? settings.points : 0,
    });
    limiters.set(name, limiter);
  }
  return limiter;
}

/** Whole seconds until a refused key may try again (at least 1), for Retry-After. */
export const retryAfterSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));
