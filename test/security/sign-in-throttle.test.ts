import crypto from "node:crypto";
import NextAuth from "next-auth";
import { afterEach, describe, expect, it } from "vitest";
import { getAuthOptions } from "@/lib/routes/auth-options";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { reloadEnv } from "@/lib/env";
import { createTestUser, uniqueSuffix } from "@/test/factories";
import { watchScrypt } from "@/test/watch-scrypt";

// AUTH_MAX_FAILURES is 5 (the default) throughout. Every test signs in from addresses of its own (documentation
// ranges, random per run), since the per-address budgets live in the database that all test files share.
const address = () => `198.18.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;
const ghost = () => `ghost-${uniqueSuffix()}@example.test`;

const withEnv = (values: Record<string, string>) => {
  Object.assign(process.env, values);
  reloadEnv();
};
afterEach(() => {
  for (const name of ["AUTH_EMAIL_MAX_FAILURES", "AUTH_IP_MAX_FAILURES", "AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE", "PASSWORD_HASH_CONCURRENCY", "PASSWORD_HASH_QUEUE"]) {
    delete process.env[name];
  }
  reloadEnv();
});

/** What an attempt came to: "ok", or the error's code. */
const outcome = (attempt: Promise<unknown>) => attempt.then(() => "ok", (error: { code?: string }) => error.code ?? String(error));

const count = (outcomes: string[], code: string) => outcomes.filter((o) => o === code).length;

describe("sign-in under a burst", () => {
  it("40 wrong passwords at once: at most AUTH_MAX_FAILURES are checked, the account is locked, the right password in the burst is refused", async () => {
    const user = await createTestUser();
    const from = address();
    const scrypt = watchScrypt(5);
    try {
      const burst = Array.from({ length: 41 }, (_, i) =>
        outcome(authenticatePassword({ email: user.email, password: i === 20 ? user.password : `wrong-${i}`, clientAddress: from })),
      );
      const outcomes = await Promise.all(burst);
      expect(scrypt.calls).toBeLessThanOrEqual(5); // the password verifier ran for at most the limit
      expect(count(outcomes, "unauthorized")).toBeLessThanOrEqual(5);
      expect(count(outcomes, "rate_limited")).toBeGreaterThanOrEqual(36);
      expect(outcomes[20]).toBe("rate_limited"); // the right password, in the middle of the burst
      expect(count(outcomes, "ok")).toBe(0);

      // Locked now, for AUTH_LOCK_MINUTES, and the right password is still not even checked.
      const calls = scrypt.calls;
      const locked = await authenticatePassword({ email: user.email, password: user.password, clientAddress: from }).catch((error: unknown) => error);
      expect(locked).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Too many failed sign-ins. Try again in 15 minutes/) });
      expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(scrypt.calls).toBe(calls);
    } finally {
      scrypt.restore();
    }
  });

  it("an unknown email gets the same: as many (dummy) checks, the same answers", async () => {
    const email = ghost();
    const from = address();
    await outcome(authenticatePassword({ email: ghost(), password: "warm-up", clientAddress: address() })); // the dummy hash exists
    const scrypt = watchScrypt(5);
    try {
      const outcomes = await Promise.all(Array.from({ length: 40 }, () => outcome(authenticatePassword({ email, password: "guess", clientAddress: from }))));
      expect(scrypt.calls).toBeLessThanOrEqual(5);
      expect(count(outcomes, "unauthorized")).toBeLessThanOrEqual(5);
      expect(count(outcomes, "rate_limited")).toBeGreaterThanOrEqual(35);
      expect(count(outcomes, "unauthorized") + count(outcomes, "rate_limited")).toBe(40);
    } finally {
      scrypt.restore();
    }
  });
});

describe("who a lock locks out", () => {
  it("the strict lock is per email and address: the owner still signs in from elsewhere", async () => {
    const user = await createTestUser();
    const attacker = address();
    for (let i = 0; i < 6; i++) await outcome(authenticatePassword({ email: user.email, password: "wrong-password", clientAddress: attacker }));
    await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: attacker })).rejects.toMatchObject({ code: "rate_limited" });
    await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: address() })).resolves.toMatchObject({ id: user.id });
  });

  it("past AUTH_EMAIL_MAX_FAILURES from several addresses, the email is locked for everyone", async () => {
    withEnv({ AUTH_EMAIL_MAX_FAILURES: "12" });
    const user = await createTestUser();
    const attackers = [address(), address(), address()];
    const outcomes: string[] = [];
    for (const from of attackers) {
      for (let i = 0; i < 5; i++) outcomes.push(await outcome(authenticatePassword({ email: user.email, password: "wrong-password", clientAddress: from })));
    }
    expect(count(outcomes, "unauthorized")).toBe(12);
    expect(count(outcomes, "rate_limited")).toBe(3);
    await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: address() })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("an address has AUTH_IP_MAX_FAILURES failures across all emails; an IPv6 client counts as its /64", async () => {
    withEnv({ AUTH_IP_MAX_FAILURES: "4" });
    const user = await createTestUser();
    const network = `2001:db8:${crypto.randomBytes(2).toString("hex")}:${crypto.randomBytes(2).toString("hex")}`;
    const outcomes: string[] = [];
    for (let i = 1; i <= 6; i++) outcomes.push(await outcome(authenticatePassword({ email: ghost(), password: "guess", clientAddress: `${network}::${i}` })));
    expect(outcomes).toEqual(["unauthorized", "unauthorized", "unauthorized", "unauthorized", "rate_limited", "rate_limited"]);
    await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: `${network}:1:2:3:4` })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/from your network/),
    });
    await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: address() })).resolves.toMatchObject({ id: user.id });
  });

  it("the server-wide budget refuses failures past AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE without checking them", async () => {
    withEnv({ AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE: "2" });
    const user = await createTestUser();
    const scrypt = watchScrypt(0);
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 5; i++) outcomes.push(await outcome(authenticatePassword({ email: ghost(), password: "guess", clientAddress: address() })));
      expect(outcomes).toEqual(["unauthorized", "unauthorized", "rate_limited", "rate_limited", "rate_limited"]);
      expect(scrypt.calls).toBe(2);
      await expect(authenticatePassword({ email: user.email, password: user.password, clientAddress: address() })).rejects.toMatchObject({
        code: "rate_limited",
        message: expect.stringMatching(/on this server right now/),
      });
    } finally {
      scrypt.restore();
    }
  });
});

describe("the hashing bound on sign-in", () => {
  it("known and unknown emails share it: at most PASSWORD_HASH_CONCURRENCY checks at once, 503 past the line", async () => {
    withEnv({ PASSWORD_HASH_CONCURRENCY: "2", PASSWORD_HASH_QUEUE: "3" });
    const user = await createTestUser();
    await outcome(authenticatePassword({ email: ghost(), password: "warm-up", clientAddress: address() })); // the dummy hash exists
    const scrypt = watchScrypt(300); // long enough for all ten to arrive while the first two still hash
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => outcome(authenticatePassword({ email: i < 5 ? user.email : ghost(), password: "guess", clientAddress: address() }))),
      );
      expect(scrypt.peak).toBe(2);
      expect(count(outcomes, "unauthorized")).toBe(5); // 2 checking + 3 waiting
      expect(count(outcomes, "service_unavailable")).toBe(5);
      expect(scrypt.calls).toBe(5);
    } finally {
      scrypt.restore();
    }
  });
});

/**
 * Signs in through next-auth itself (its CSRF step, then the credentials callback) as a request that `npm start` stamped
 * with the client's address; returns whether a session cookie was set, or the error next-auth sent back.
 */
async function signInThroughNextAuth(email: string, password: string, clientAddress: string) {
  const call = async (action: string[], method: string, cookies: Record<string, string>, body?: Record<string, string>) => {
    const headers = new Map<string, string | string[]>();
    const res = {
      body: undefined as unknown,
      status: () => res,
      setHeader: (name: string, value: string | string[]) => headers.set(name.toLowerCase(), value),
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end() {},
      json: (value: unknown) => void (res.body = value),
      send: (value: unknown) => void (res.body = value),
    };
    const req = { method, query: { nextauth: action }, cookies, body, headers: { host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": clientAddress } };
    await NextAuth(req as never, res as never, getAuthOptions());
    return { body: res.body as Record<string, string>, cookies: [headers.get("set-cookie") ?? []].flat() };
  };
  const csrf = await call(["csrf"], "GET", {});
  const csrfCookie = csrf.cookies[0]!.split(";")[0]!;
  const cookie = { [csrfCookie.slice(0, csrfCookie.indexOf("="))]: decodeURIComponent(csrfCookie.slice(csrfCookie.indexOf("=") + 1)) };
  const result = await call(["callback", "credentials"], "POST", cookie, { csrfToken: csrf.body.csrfToken!, email, password, json: "true" });
  const isSignedIn = result.cookies.some((line) => line.startsWith("next-auth.session-token="));
  return { isSignedIn, error: new URL(result.body.url!, "http://localhost:3000").searchParams.get("error") };
}

describe("next-auth's credentials sign-in", () => {
  it("counts by the address in X-Forwarded-For: a lock there leaves other addresses alone", async () => {
    const user = await createTestUser();
    const attacker = address();
    for (let i = 0; i < 5; i++) expect((await signInThroughNextAuth(user.email, "wrong-password", attacker)).error).toBe("Email or password is incorrect");
    expect(await signInThroughNextAuth(user.email, user.password, attacker)).toEqual({ isSignedIn: false, error: "Too many failed sign-ins. Try again in 15 minutes." });
    expect(await signInThroughNextAuth(user.email, user.password, address())).toMatchObject({ isSignedIn: true });
  });
});
