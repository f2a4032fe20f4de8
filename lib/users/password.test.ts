import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { reloadEnv } from "@/lib/env";
import { watchScrypt } from "@/test/watch-scrypt";

describe("password hashing", () => {
  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("s3cret-pass");
    expect(hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(hash).not.toContain("s3cret-pass");
    expect(await verifyPassword("s3cret-pass", hash)).toBe(true);
    expect(await verifyPassword("s3cret-pasS", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$a$b")).toBe(false);
  });
});

describe("the hashing bound", () => {
  const setBound = (concurrency: number, queue: number) => {
    process.env.PASSWORD_HASH_CONCURRENCY = String(concurrency);
    process.env.PASSWORD_HASH_QUEUE = String(queue);
    reloadEnv();
  };
  afterEach(() => {
    delete process.env.PASSWORD_HASH_CONCURRENCY;
    delete process.env.PASSWORD_HASH_QUEUE;
    reloadEnv();
  });

  it("runs at most PASSWORD_HASH_CONCURRENCY scrypt computations at once; the others wait their turn", async () => {
    setBound(2, 32);
    const hash = await hashPassword("s3cret-pass");
    const scrypt = watchScrypt();
    try {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => verifyPassword(i % 2 ? "s3cret-pass" : "wrong", hash)));
      expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i % 2 === 1));
      expect(scrypt.calls).toBe(12);
      expect(scrypt.peak).toBe(2);
    } finally {
      scrypt.restore();
    }
  });

  it("refuses a check at once with 503 and Retry-After when PASSWORD_HASH_QUEUE already wait, hashes included", async () => {
    setBound(2, 3);
    const hash = await hashPassword("s3cret-pass");
    const scrypt = watchScrypt();
    try {
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 8 }, () => verifyPassword("s3cret-pass", hash)),
        hashPassword("another"),
      ]);
      const refused = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5); // 2 running + 3 waiting
      expect(refused).toHaveLength(4);
      for (const { reason } of refused as PromiseRejectedResult[]) {
        expect(reason).toMatchObject({ code: "service_unavailable", status: 503, retryAfterSeconds: 1 });
      }
      expect(scrypt.calls).toBe(5); // a refused check never reached scrypt
      expect(scrypt.peak).toBe(2);
    } finally {
      scrypt.restore();
    }
  });
});
