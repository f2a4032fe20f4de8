export interface TokenBucketOptions {
  /** Sustained rate: tokens added per minute. */
  perMinute: number;
  /** Bucket size: requests that may arrive at once after a quiet spell. */
  burst: number;
  /** Most keys kept; past it, idle (full) buckets are forgotten first. */
  maxKeys?: number;
  /** The clock, in ms (tests pass their own). */
  now?: () => number;
}

export interface TokenBuckets {
  /** Takes one token for `key`: 0 when granted, else the whole seconds until one is there (≥ 1). */
  take(key: string): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key, in this process's memory. A full bucket is the same as no bucket, so forgetting one (on
 * eviction, on a restart) only ever grants more, never less: the state is disposable.
 */
export function createTokenBuckets({ perMinute, burst, maxKeys = 50_000, now = () => Date.now() }: TokenBucketOptions): TokenBuckets {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, at - bucket.at) * perMs);
    bucket.at = at;
  };

  const evict = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Still full of busy keys: the oldest go (they start again with a full bucket).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (bucket) refill(bucket, at);
      else {
        if (buckets.size >= maxKeys) evict(at);
        bucket = { tokens: burst, at };
        buckets.set(key, bucket);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
