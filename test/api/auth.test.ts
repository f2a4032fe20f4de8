import crypto from "node:crypto";
import NextAuth from "next-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { GET as me } from "@/app/api/v1/me/route";
import { getAuthOptions } from "@/lib/routes/auth-options";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestUser, sessionCookieFor, uniqueSuffix } from "@/test/factories";

describe("sign-up (SIGNUP=open; who may sign up otherwise: test/api/invitations.test.ts)", () => {
  beforeAll(() => {
    process.env.SIGNUP = "open";
    reloadEnv();
  });
  afterAll(() => {
    delete process.env.SIGNUP;
    reloadEnv();
  });

  it("creates a user with a personal organization they own, and never stores the password", async () => {
    const email = `Ada-${uniqueSuffix()}@Example.test`;
    const res = await callRoute(signUp, { method: "POST", body: { name: "Ada", email, password: "analytical-engine" } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ name: "Ada", email: email.toLowerCase() });
    expect(JSON.stringify(res.body)).not.toContain("analytical");

    const row = await db.user.findUniqueOrThrow({ where: { id: res.body.user.id }, include: { memberships: { include: { org: true } } } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.memberships).toHaveLength(1);
    expect(row.memberships[0]).toMatchObject({ role: "owner", org: { personal: true } });
  });

  it("answers 409 with a field error for a taken email", async () => {
    const user = await createTestUser();
    const res = await callRoute(signUp, { method: "POST", body: { name: "B", email: user.email, password: "long-enough" } });
    expect(res.status).toBe(409);
    expect(res.body.error.details.fields.email).toBeDefined();
  });

  it("answers 422 with field errors for an invalid body", async () => {
    const res = await callRoute(signUp, { method: "POST", body: { name: "", email: "not-an-email", password: "short" } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["email", "name", "password"]);
  });

  it("answers 400 for malformed JSON, 415 for another media type and 413 for an oversized body", async () => {
    const malformed = await callRoute(signUp, { method: "POST", body: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");

    const form = await callRoute(signUp, { method: "POST", body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);

    const huge = await callRoute(signUp, { method: "POST", body: { name: "x".repeat(2 * 1024 * 1024), email: "a@b.c", password: "12345678" } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
  });
});

describe("password sign-in", () => {
  it("accepts the right password, rejects a wrong one with the same message as an unknown email", async () => {
    const user = await createTestUser();
    await expect(authenticatePassword({ email: user.email, password: user.password })).resolves.toMatchObject({ id: user.id });
    const wrong = authenticatePassword({ email: user.email, password: "nope-nope" });
    await expect(wrong).rejects.toMatchObject({ code: "unauthorized", message: "Email or password is incorrect" });
    const unknown = authenticatePassword({ email: `ghost-${uniqueSuffix()}@example.test`, password: "nope-nope" });
    await expect(unknown).rejects.toMatchObject({ code: "unauthorized", message: "Email or password is incorrect" });
  });

  it("locks an email after repeated failures, even for the right password, and the lock lives in the database", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) {
      await expect(authenticatePassword({ email: user.email, password: "wrong-password" })).rejects.toMatchObject({ code: "unauthorized" });
    }
    await expect(authenticatePassword({ email: user.email, password: user.password })).rejects.toMatchObject({ code: "rate_limited" });
    // The pair (this email, no address: an in-process caller) is locked in the RateLimit table, for every process.
    const hashedEmail = crypto.createHash("sha256").update(user.email).digest("base64url");
    const lock = await db.rateLimit.findUniqueOrThrow({ where: { key: `signin_pair:${hashedEmail}|none` } });
    expect(lock.points).toBeGreaterThan(5);
    expect(Number(lock.expire)).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 4; i++) await authenticatePassword({ email: user.email, password: "wrong-password" }).catch(() => {});
    await authenticatePassword({ email: user.email, password: user.password });
    await authenticatePassword({ email: user.email, password: "wrong-password" }).catch(() => {});
    await expect(authenticatePassword({ email: user.email, password: user.password })).resolves.toMatchObject({ id: user.id });
  });
});

describe("session and caller resolution", () => {
  it("reads the next-auth session cookie", async () => {
    const user = await createTestUser({ name: "Grace" });
    const res = await callRoute(me, { cookie: user.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: user.id, name: "Grace" }, via: "session" });
    expect(res.body.organizations).toHaveLength(1);
  });

  it("answers 401 without credentials, with a forged cookie, or for a deleted user", async () => {
    expect((await callRoute(me)).status).toBe(401);
    expect((await callRoute(me, { cookie: "next-auth.session-token=forged.jwt.value" })).status).toBe(401);
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    await db.user.delete({ where: { id: user.id } });
    const res = await callRoute(me, { cookie });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });
});

/**
 * Signs in with email and password through next-auth itself (its CSRF step, then the credentials callback) with our
 * options, and returns the Set-Cookie lines of both answers. next-auth's API-route entry point takes plain objects,
 * so no Next request context is needed.
 */
async function signInCookies(host: string, email: string, password: string): Promise<string[]> {
  const call = async (action: string[], method: string, cookies: Record<string, string>, body?: Record<string, string>) => {
    const res = {
      statusCode: 200,
      headers: new Map<string, string | string[]>(),
      body: undefined as unknown,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      setHeader(name: string, value: string | string[]) {
        this.headers.set(name.toLowerCase(), value);
        return this;
      },
      getHeader(name: string) {
        return this.headers.get(name.toLowerCase());
      },
      end() {},
      json(value: unknown) {
        this.body = value;
      },
      send(value: unknown) {
        this.body = value;
      },
    };
    const req = { method, query: { nextauth: action }, cookies, body, headers: { host, "x-forwarded-proto": host.startsWith("localhost") ? "http" : "https" } };
    await NextAuth(req as never, res as never, getAuthOptions());
    return { body: res.body as Record<string, string>, cookies: [res.getHeader("set-cookie") ?? []].flat() };
  };
  const csrf = await call(["csrf"], "GET", {});
  const csrfCookie = csrf.cookies[0]!.split(";")[0]!;
  const [name, value] = [csrfCookie.slice(0, csrfCookie.indexOf("=")), decodeURIComponent(csrfCookie.slice(csrfCookie.indexOf("=") + 1))];
  const signedIn = await call(["callback", "credentials"], "POST", { [name]: value }, { csrfToken: csrf.body.csrfToken!, email, password, json: "true" });
  return [...csrf.cookies, ...signedIn.cookies];
}

const attributes = (cookie: string) => cookie.split(";").slice(1).map((part) => part.trim().toLowerCase());

describe("session cookie", () => {
  afterEach(() => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    reloadEnv();
  });

  it("is __Secure-, HttpOnly, SameSite=Lax and Secure when the app is served over https", async () => {
    process.env.NEXTAUTH_URL = "https://omoios.example";
    reloadEnv();
    const user = await createTestUser();
    const cookies = await signInCookies("omoios.example", user.email, user.password);
    const session = cookies.find((cookie) => cookie.startsWith("__Secure-next-auth.session-token="));
    expect(session, cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure", "path=/"]));
    // Every cookie next-auth sets is Secure, and the CSRF cookie is __Host- (no Domain, Path=/).
    for (const cookie of cookies) expect(attributes(cookie), cookie).toContain("secure");
    expect(cookies.some((cookie) => cookie.startsWith("__Host-next-auth.csrf-token="))).toBe(true);

    // The API reads that cookie (by its __Secure- name) as the user's session.
    const res = await callRoute(me, { cookie: session!.split(";")[0]! });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
  });

  it("is HttpOnly and SameSite=Lax, without the Secure prefix or flag, on plain http (local use)", async () => {
    const user = await createTestUser();
    const cookies = await signInCookies("localhost:3000", user.email, user.password);
    const session = cookies.find((cookie) => cookie.startsWith("next-auth.session-token="));
    expect(session, cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes(session!)).not.toContain("secure");
  });
});
