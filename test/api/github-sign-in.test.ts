import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as startGithubInvite } from "@/app/api/v1/invitations/github/route";
import { DELETE as unlinkGithub, POST as startGithubLink } from "@/app/api/v1/me/github-link/route";
import { GET as me } from "@/app/api/v1/me/route";
import { getAuthOptions } from "@/lib/routes/auth-options";
import { readGithubLinkIntent } from "@/lib/auth/read-github-link-intent";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { readGithubInviteIntent } from "@/lib/invitations/github-invite-intent";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { startFakeGitHub, type FakeOAuthUser } from "@/test/fake-github/fake-github-server";
import { createTestApiKey, createTestUser, uniqueSuffix } from "@/test/factories";
import { NextAuthClient } from "@/test/next-auth-client";

// GitHub sign-in end to end through next-auth — its CSRF step, the state check, the code exchange and the profile
// requests — against a loopback fake of GitHub's OAuth token endpoint, GET /user and GET /user/emails.
const app = { clientId: "Iv1.fake-client", clientSecret: "fake-client-secret" };
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
const saved = { ...process.env };
let githubIds = 7_000_000 + Math.floor(Math.random() * 1_000_000);

beforeAll(async () => {
  github = await startFakeGitHub({ token: "unused", oauth: app });
  Object.assign(process.env, { GITHUB_ID: app.clientId, GITHUB_SECRET: app.clientSecret, GITHUB_OAUTH_URL: github.url, GITHUB_API_URL: github.url });
  reloadEnv();
});

afterAll(async () => {
  for (const key of ["GITHUB_ID", "GITHUB_SECRET", "GITHUB_OAUTH_URL", "GITHUB_API_URL", "SIGNUP"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  reloadEnv();
  await github.stop();
});

beforeEach(() => {
  process.env.SIGNUP = "open";
  reloadEnv();
});

const person = (emails: FakeOAuthUser["emails"], login = `octo-${uniqueSuffix()}`): FakeOAuthUser => ({
  profile: { id: githubIds++, login, name: `Octo ${login}`, email: emails[0]?.email ?? null, avatar_url: null },
  emails,
});

/** A browser signing in with GitHub as `who`; with `client`, one that already holds cookies (a session, a link intent). */
async function signInWithGithub(who: FakeOAuthUser, client = new NextAuthClient(() => getAuthOptions())) {
  const authorize = await client.startOAuth("github");
  expect(authorize.origin).toBe(github.url);
  expect(authorize.searchParams.get("scope")).toContain("user:email");
  // What the route handler does for GitHub's callback: is this browser linking GitHub from settings?
  const linkUserId = await readGithubLinkIntent({ cookies: client.cookies });
  const invitationId = linkUserId ? null : readGithubInviteIntent({ cookies: client.cookies });
  const linking = new NextAuthClient(() => getAuthOptions({ linkUserId, invitationId }));
  client.cookies.forEach((value, name) => linking.cookies.set(name, value));
  const callback = await linking.finishOAuth("github", authorize, github.addOAuthPerson(who));
  const session = await linking.session();
  return { location: callback.location ?? "", userId: (session.user as { id?: string } | undefined)?.id ?? null, cookie: linking.sessionCookie() };
}

const verifiedUser = async () => {
  const user = await createTestUser();
  await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  return user;
};
const githubIdOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).githubId;

describe("GitHub sign-in attaches to an existing account only when both sides vouch for the email", () => {
  it("links when GitHub reports the email verified and primary and the account's email is verified", async () => {
    const user = await verifiedUser();
    const octo = person([{ email: user.email, primary: true, verified: true }]);
    const result = await signInWithGithub(octo);
    expect(result.userId).toBe(user.id);
    expect(await githubIdOf(user.id)).toBe(String(octo.profile.id));
    // The session is a real one: the API knows it as that user.
    expect((await callRoute(me, { cookie: result.cookie })).body.user.id).toBe(user.id);
    // GitHub was asked for the addresses with the token it issued (not the public profile's email alone).
    expect(github.requests.some((request) => request.url === "/user/emails" && /^Bearer gho_fake_/.test(request.authorization ?? ""))).toBe(true);
  });

  it("refuses (and links nothing) when GitHub says the email is unverified", async () => {
    const user = await verifiedUser();
    const result = await signInWithGithub(person([{ email: user.email, primary: true, verified: false }]));
    expect(result.userId).toBeNull();
    expect(result.location).toContain("/sign-in?error=GitHubEmailRequired");
    expect(await githubIdOf(user.id)).toBeNull();
  });

  it("refuses when the email is verified on GitHub but not its primary address", async () => {
    const user = await verifiedUser();
    const other = `primary-${uniqueSuffix()}@example.test`;
    const result = await signInWithGithub(person([{ email: other, primary: true, verified: false }, { email: user.email, primary: false, verified: true }]));
    expect(result.userId).toBeNull();
    expect(await githubIdOf(user.id)).toBeNull();
  });

  it("refuses when the account's own email is unverified (a password sign-up): the sign-up cannot capture the GitHub sign-in", async () => {
    const squatter = await createTestUser(); // signed up with someone's address; nobody proved it is theirs
    const result = await signInWithGithub(person([{ email: squatter.email, primary: true, verified: true }]));
    expect(result.userId).toBeNull();
    expect(result.location).toContain("/sign-in?error=GitHubAccountExists");
    expect(await githubIdOf(squatter.id)).toBeNull();
    expect(await db.user.count({ where: { email: squatter.email } })).toBe(1);
  });

  it("creates a separate account for a new verified primary email (SIGNUP=open), verified, and signs in to it next time", async () => {
    const email = `new-${uniqueSuffix()}@example.test`;
    const octo = person([{ email, primary: true, verified: true }]);
    const first = await signInWithGithub(octo);
    const created = await db.user.findUniqueOrThrow({ where: { email } });
    expect(first.userId).toBe(created.id);
    expect(created.githubId).toBe(String(octo.profile.id));
    expect(created.emailVerifiedAt).not.toBeNull();
    expect(await db.membership.count({ where: { userId: created.id, role: "owner", org: { personal: true } } })).toBe(1);
    expect((await signInWithGithub(octo)).userId).toBe(created.id);
  });

  it("with SIGNUP=invite, a GitHub sign-in cannot create an account", async () => {
    process.env.SIGNUP = "invite";
    reloadEnv();
    const email = `uninvited-${uniqueSuffix()}@example.test`;
    const result = await signInWithGithub(person([{ email, primary: true, verified: true }]));
    expect(result.userId).toBeNull();
    expect(result.location).toContain("/sign-in?error=SignUpByInvitation");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("linking GitHub from settings while signed in", () => {
  it("links to the signed-in account even though its email is unverified and GitHub's differs", async () => {
    const user = await createTestUser();
    const client = new NextAuthClient(() => getAuthOptions());
    client.cookies.set("next-auth.session-token", user.cookie.split("=")[1]!);
    const armed = await callRoute(startGithubLink, { method: "POST", cookie: user.cookie });
    expect(armed.status).toBe(200);
    const intent = armed.headers.get("set-cookie")!;
    expect(intent).toMatch(/HttpOnly/i);
    expect(intent).toContain("Path=/api/auth/callback/github");
    client.cookies.set(intent.slice(0, intent.indexOf("=")), intent.slice(intent.indexOf("=") + 1, intent.indexOf(";")));

    const octo = person([{ email: `elsewhere-${uniqueSuffix()}@example.test`, primary: true, verified: true }]);
    const result = await signInWithGithub(octo, client);
    expect(result.location).toContain("/settings?github=linked");
    expect(await githubIdOf(user.id)).toBe(String(octo.profile.id));
    // Next time GitHub alone signs them in, to the same account.
    expect((await signInWithGithub(octo)).userId).toBe(user.id);
  });

  it("does not link without the signed-in session of the same user, nor a GitHub account linked to someone else", async () => {
    const user = await createTestUser();
    const armed = await callRoute(startGithubLink, { method: "POST", cookie: user.cookie });
    const intent = armed.headers.get("set-cookie")!;
    const [name, value] = [intent.slice(0, intent.indexOf("=")), intent.slice(intent.indexOf("=") + 1, intent.indexOf(";"))];
    // The intent alone (no session), or beside another user's session, links nothing.
    expect(await readGithubLinkIntent({ cookies: new Map([[name, value]]) })).toBeNull();
    const other = await createTestUser();
    expect(await readGithubLinkIntent({ cookies: new Map([[name, value], ["next-auth.session-token", other.cookie.split("=")[1]!]]) })).toBeNull();
    // A forged intent is refused.
    expect(await readGithubLinkIntent({ cookies: new Map([[name, `${value}x`], ["next-auth.session-token", user.cookie.split("=")[1]!]]) })).toBeNull();

    // Someone else's GitHub account: refused, back to settings with the reason.
    const owner = await verifiedUser();
    const octo = person([{ email: owner.email, primary: true, verified: true }]);
    await signInWithGithub(octo);
    const client = new NextAuthClient(() => getAuthOptions());
    client.cookies.set("next-auth.session-token", user.cookie.split("=")[1]!);
    client.cookies.set(name, value);
    const result = await signInWithGithub(octo, client);
    expect(result.location).toContain("/settings?githubError=GitHubLinkedElsewhere");
    expect(await githubIdOf(user.id)).toBeNull();
  });

  it("unlinks from settings: GitHub sign-in stops reaching the account; a GitHub-only account cannot be unlinked", async () => {
    const user = await verifiedUser();
    const octo = person([{ email: user.email, primary: true, verified: true }]);
    expect((await signInWithGithub(octo)).userId).toBe(user.id);
    const unlinked = await callRoute(unlinkGithub, { method: "DELETE", cookie: user.cookie });
    expect(unlinked.status).toBe(200);
    expect(await githubIdOf(user.id)).toBeNull();
    // The same GitHub person no longer gets in — not even through the verified email both sides share, which would
    // otherwise attach GitHub again; its email is taken, so no new account either.
    const after = await signInWithGithub(octo);
    expect(after.userId).toBeNull();
    expect(after.location).toContain("error=GitHubAccountExists");
    expect(await githubIdOf(user.id)).toBeNull();

    // An account made by GitHub sign-in has no password: unlinking would lock its owner out.
    const newcomer = person([{ email: `newcomer-${uniqueSuffix()}@example.test`, primary: true, verified: true }]);
    const created = await signInWithGithub(newcomer);
    expect(created.userId).toBeTruthy();
    const refused = await callRoute(unlinkGithub, { method: "DELETE", cookie: created.cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/only way to sign in/);
    expect(await githubIdOf(created.userId!)).toBe(String(newcomer.profile.id));
  });

  it("is for a signed-in browser only: an API key cannot start it", async () => {
    const user = await createTestUser();
    const key = await createTestApiKey(user.id);
    const res = await callRoute(startGithubLink, { method: "POST", apiKey: key.key });
    expect(res.status).toBe(403);
  });
});

describe("joining through an invitation with GitHub", () => {
  /** A browser that pressed "Join with GitHub" on the invitation page (the route's cookie set). */
  async function armedBrowser(token: string) {
    const armed = await callRoute(startGithubInvite, { method: "POST", body: { token } });
    expect(armed.status).toBe(200);
    const cookie = armed.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toContain("Path=/api/auth/callback/github");
    const client = new NextAuthClient(() => getAuthOptions());
    client.cookies.set(cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1, cookie.indexOf(";")));
    return client;
  }

  it("with SIGNUP=invite, creates the invited account (the invited email, verified) with GitHub attached, in the organization, once", async () => {
    process.env.SIGNUP = "invite";
    reloadEnv();
    const admin = await createTestUser();
    const invitedEmail = `invited-${uniqueSuffix()}@example.test`;
    const invitation = await createInvitation({ userId: admin.id, orgId: admin.orgId, input: { email: invitedEmail, role: "admin" } });
    // GitHub knows the person by another address: the link, made for the invited one, is the proof that counts.
    const octo = person([{ email: `personal-${uniqueSuffix()}@example.test`, primary: true, verified: true }]);
    expect((await signInWithGithub(octo)).userId).toBeNull(); // without the link: no account (SIGNUP=invite)

    const joined = await signInWithGithub(octo, await armedBrowser(invitation.token));
    expect(joined.userId).toBeTruthy();
    const user = await db.user.findUniqueOrThrow({ where: { id: joined.userId! }, include: { memberships: true } });
    expect(user).toMatchObject({ email: invitedEmail, githubId: String(octo.profile.id), passwordHash: null });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.memberships.find((m) => m.orgId === admin.orgId)?.role).toBe("admin");
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedById: user.id });
    // Next time GitHub alone signs them in.
    expect((await signInWithGithub(octo)).userId).toBe(user.id);

    // The link is spent: arming it again is refused, and an armed browser from before cannot use it twice.
    const again = await callRoute(startGithubInvite, { method: "POST", body: { token: invitation.token } });
    expect(again.status).toBe(409);
    const other = person([{ email: `other-${uniqueSuffix()}@example.test`, primary: true, verified: true }]);
    const second = await createInvitation({ userId: admin.id, orgId: admin.orgId, input: { email: `second-${uniqueSuffix()}@example.test`, role: "member" } });
    const browser = await armedBrowser(second.token);
    await db.invitation.update({ where: { id: second.id }, data: { revokedAt: new Date() } });
    const refused = await signInWithGithub(other, browser);
    expect(refused.userId).toBeNull();
    expect(refused.location).toContain("error=InvitationClosed");
  });

  it("refuses a link whose email already has an account, and a made-up token", async () => {
    const admin = await createTestUser();
    const existing = await createTestUser();
    const invitation = await createInvitation({ userId: admin.id, orgId: admin.orgId, input: { email: existing.email, role: "member" } });
    const res = await callRoute(startGithubInvite, { method: "POST", body: { token: invitation.token } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already exists: sign in/);
    expect((await callRoute(startGithubInvite, { method: "POST", body: { token: "no-such-token" } })).status).toBe(404);
    expect((await callRoute(startGithubInvite, { method: "POST", body: {} })).body.error.details.fields.token).toBeDefined();
  });
});
