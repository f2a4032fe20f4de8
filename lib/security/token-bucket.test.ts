import { describe, expect, it } from "vitest";
import { createTokenBuckets } from "@/lib/security/token-bucket";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe("createTokenBuckets", () => {
  it("grants a burst at once, then the sustained rate, and says how long to wait", () => {
    const time = clock();
    const buckets = createTokenBuckets({ perMinute: 60, burst: 3, now: time.now });
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBe(1); // one token a second
    time.advance(500);
    expect(buckets.take("a")).toBe(1); // half a token: still a (rounded-up) second
    time.advance(500);
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("a")).toBe(1);
  });

  it("keeps keys apart and never holds more than the burst", () => {
    const time = clock();
    const buckets = createTokenBuckets({ perMinute: 6, burst: 2, now: time.now });
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 10]);
    expect(buckets.take("b")).toBe(0);
    time.advance(3_600_000);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 10]);
  });

  it("tolerates a clock that goes back", () => {
    const time = clock();
    const buckets = createTokenBuckets({ perMinute: 60, burst: 1, now: time.now });
    expect(buckets.take("a")).toBe(0);
    time.advance(-5_000);
    expect(buckets.take("a")).toBe(1);
  });

  it("stays bounded: idle buckets are forgotten first, and a forgotten key starts full", () => {
    const time = clock();
    const buckets = createTokenBuckets({ perMinute: 60, burst: 2, maxKeys: 3, now: time.now });
    for (const key of ["a", "b", "c"]) buckets.take(key);
    buckets.take("c");
    time.advance(1_000); // a and b are full again, c is not
    expect(buckets.take("d")).toBe(0); // evicts a and b
    expect(buckets.take("c")).toBe(0); // c was kept: its one token back plus nothing more
    expect(buckets.take("c")).toBe(1);
    // Only busy keys left and no room: the oldest goes, and starts again with a full bucket.
    buckets.take("e");
    buckets.take("f");
    expect(buckets.take("c")).toBe(0);
  });
});
