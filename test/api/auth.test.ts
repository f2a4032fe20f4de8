import { describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { GET as me } from "@/app/api/v1/me/route";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { db } from "@/lib/db/client";
import { callRoute } from "@/test/call-route";
import { createTestUser, sessionCookieFor, uniqueSuffix } from "@/test/factories";

describe("sign-up", () => {
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
    const throttle = await db.authThrottle.findUniqueOrThrow({ where: { key: `email:${user.email}` } });
    expect(throttle.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
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
