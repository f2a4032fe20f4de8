import { describe, expect, it } from "vitest";
import { PUT as changePassword } from "@/app/api/v1/me/password/route";
import { GET as me } from "@/app/api/v1/me/route";
import { DELETE as signOutEverywhere } from "@/app/api/v1/me/sessions/route";
import { getAuthOptions } from "@/lib/routes/auth-options";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestUser } from "@/test/factories";
import { NextAuthClient } from "@/test/next-auth-client";

/** A browser signed in through next-auth's credentials sign-in (a real session cookie, as the app issues them). */
async function signedInBrowser(email: string, password: string) {
  const browser = new NextAuthClient(() => getAuthOptions());
  const { csrfToken } = (await browser.call(["csrf"])).body as { csrfToken: string };
  await browser.call(["callback", "credentials"], { method: "POST", body: { csrfToken, email, password, json: "true" } });
  expect(browser.sessionCookie(), "signed in").toBeDefined();
  return browser;
}

const meWith = async (cookie: string | undefined) => (await callRoute(me, { cookie })).status;

describe("sign out everywhere", () => {
  it("ends every session signed in before it — in the API and in next-auth's session reads — and a new sign-in works", async () => {
    const user = await createTestUser();
    const laptop = await signedInBrowser(user.email, user.password);
    const phone = await signedInBrowser(user.email, user.password);
    const key = await createTestApiKey(user.id);
    expect(await meWith(laptop.sessionCookie())).toBe(200);
    expect((await phone.session()).user).toMatchObject({ email: user.email });

    const res = await callRoute(signOutEverywhere, { method: "DELETE", cookie: laptop.sessionCookie() });
    expect(res.status).toBe(200);

    // Both cookies are still well-formed and unexpired, and both are refused: the API answers 401…
    expect(await meWith(laptop.sessionCookie())).toBe(401);
    expect(await meWith(phone.sessionCookie())).toBe(401);
    expect(await meWith(user.cookie)).toBe(401); // a token minted before, without our sign-in stamp
    // …and next-auth's session read (what pages use) has no session and clears the cookie.
    expect(await phone.session()).toEqual({});
    expect(phone.sessionCookie()).toBeUndefined();
    // API keys are not sessions.
    expect((await callRoute(me, { apiKey: key.key })).status).toBe(200);

    const again = await signedInBrowser(user.email, user.password);
    expect(await meWith(again.sessionCookie())).toBe(200);
    expect((await again.session()).user).toMatchObject({ email: user.email });
  });

  it("is for a signed-in browser: an API key cannot sign its owner out", async () => {
    const user = await createTestUser();
    const key = await createTestApiKey(user.id);
    expect((await callRoute(signOutEverywhere, { method: "DELETE", apiKey: key.key })).status).toBe(403);
    expect(await meWith(user.cookie)).toBe(200);
  });
});

describe("changing the password", () => {
  it("needs the current password, then ends every earlier session; the old password stops working", async () => {
    const user = await createTestUser();
    const other = await signedInBrowser(user.email, user.password);

    const wrong = await callRoute(changePassword, { method: "PUT", cookie: user.cookie, body: { currentPassword: "not-it-at-all", newPassword: "a brand new one" } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields.currentPassword).toBeDefined();
    expect(await meWith(other.sessionCookie())).toBe(200);

    const weak = await callRoute(changePassword, { method: "PUT", cookie: user.cookie, body: { currentPassword: user.password, newPassword: "short" } });
    expect(weak.status).toBe(422);

    const ok = await callRoute(changePassword, { method: "PUT", cookie: user.cookie, body: { currentPassword: user.password, newPassword: "a brand new one" } });
    expect(ok.status).toBe(200);
    expect(await meWith(other.sessionCookie())).toBe(401);
    expect(await meWith(user.cookie)).toBe(401);
    expect(await other.session()).toEqual({});

    await expect(authenticatePassword({ email: user.email, password: user.password })).rejects.toMatchObject({ code: "unauthorized" });
    const fresh = await signedInBrowser(user.email, "a brand new one");
    expect(await meWith(fresh.sessionCookie())).toBe(200);
  });

  it("is throttled like a sign-in: a stolen session gets AUTH_MAX_FAILURES guesses at the current password, then 429", async () => {
    const user = await createTestUser();
    const from = { "x-forwarded-for": `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}` };
    const guess = (currentPassword: string) =>
      callRoute(changePassword, { method: "PUT", cookie: user.cookie, headers: from, body: { currentPassword, newPassword: "a brand new one" } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess(`guess-number-${i}`)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    // Locked now: even the right current password is not checked.
    const locked = await guess(user.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/Too many failed sign-ins/);
    await expect(authenticatePassword({ email: user.email, password: user.password })).resolves.toMatchObject({ id: user.id });
  });

  it("cannot be done with an API key (a leaked key must not lock the owner out)", async () => {
    const user = await createTestUser();
    const key = await createTestApiKey(user.id);
    const res = await callRoute(changePassword, { method: "PUT", apiKey: key.key, body: { currentPassword: user.password, newPassword: "a brand new one" } });
    expect(res.status).toBe(403);
    await expect(authenticatePassword({ email: user.email, password: user.password })).resolves.toMatchObject({ id: user.id });
  });
});
