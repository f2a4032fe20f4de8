import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as accept } from "@/app/api/v1/invitations/accept/route";
import { GET as listInvitations, POST as createInvitation } from "@/app/api/v1/orgs/[orgId]/invitations/route";
import { DELETE as revokeInvitation } from "@/app/api/v1/orgs/[orgId]/invitations/[invitationId]/route";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { addMember } from "@/lib/orgs/add-member";
import { createOrganization } from "@/lib/orgs/create-organization";
import { callRoute } from "@/test/call-route";
import { createTestUser, uniqueSuffix, type TestUser } from "@/test/factories";

const savedSignup = process.env.SIGNUP;
const setSignup = (value: string | undefined) => {
  if (value === undefined) delete process.env.SIGNUP;
  else process.env.SIGNUP = value;
  reloadEnv();
};
beforeEach(() => setSignup(undefined)); // the default: invite
afterAll(() => setSignup(savedSignup));

const newEmail = (who = "invitee") => `${who}-${uniqueSuffix()}@example.test`;

async function invite(by: TestUser, orgId: string, body: Record<string, unknown>) {
  return callRoute(createInvitation, { method: "POST", cookie: by.cookie, params: { orgId }, body });
}
const acceptAnonymously = (token: string, name = "Newcomer", password = "a long password") =>
  callRoute(accept, { method: "POST", body: { token, name, password } });

/** An organization with an owner, an admin and a member. */
async function team() {
  const owner = await createTestUser();
  const admin = await createTestUser();
  const member = await createTestUser();
  const { id: orgId } = await createOrganization({ userId: owner.id, input: { name: `Team ${uniqueSuffix()}` } });
  await addMember({ userId: owner.id, orgId, input: { email: admin.email, role: "admin" } });
  await addMember({ userId: owner.id, orgId, input: { email: member.email, role: "member" } });
  return { owner, admin, member, orgId };
}

describe("who may join (SIGNUP=invite, the default)", () => {
  it("refuses a plain sign-up with a clear message, through the API and the form's action, writing nothing", async () => {
    await createTestUser(); // the instance has accounts already
    const email = newEmail("plain");
    const res = await callRoute(signUp, { method: "POST", body: { name: "Plain", email, password: "long enough pass" } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("Sign-up is by invitation: ask an admin of your organization for a link");
    const action = await signUpAction({ name: "Plain", email, password: "long enough pass" });
    expect(action).toMatchObject({ ok: false, status: 403, error: { message: "Sign-up is by invitation: ask an admin of your organization for a link" } });
    expect(await db.user.count({ where: { email } })).toBe(0);
    // A taken email is refused the same way: a stranger learns nothing about who has an account.
    const taken = (await createTestUser()).email;
    expect((await callRoute(signUp, { method: "POST", body: { name: "X", email: taken, password: "long enough pass" } })).status).toBe(403);
  });

  it("an admin invites with a role; the link creates the account with that email (verified) and membership, once", async () => {
    const { admin, orgId } = await team();
    const email = newEmail();
    const created = await invite(admin, orgId, { email, role: "admin" });
    expect(created.status).toBe(201);
    const { token, url, expiresAt, id } = created.body.invitation;
    expect(url).toBe(`http://localhost:3000/invite/${token}`);
    // 7 days by default; only a hash of the token is stored.
    expect(Math.abs(new Date(expiresAt).getTime() - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const row = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token);

    const listed = await callRoute(listInvitations, { cookie: admin.cookie, params: { orgId } });
    expect(listed.body.invitations.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([[email, "pending"]]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const joined = await acceptAnonymously(token, "Ada", "analytical engine");
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ isNewAccount: true, role: "admin", email, organization: { id: orgId } });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { org: true } } } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.memberships.map((m) => [m.org.personal ? "personal" : m.orgId, m.role]).sort()).toEqual([[orgId, "admin"], ["personal", "owner"]].sort());
    await expect(authenticatePassword({ email, password: "analytical engine" })).resolves.toMatchObject({ id: user.id });

    // Single use, and no longer pending.
    const again = await acceptAnonymously(token, "Eve", "another password");
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already been used/);
    expect((await callRoute(listInvitations, { cookie: admin.cookie, params: { orgId } })).body.invitations).toEqual([]);
  });

  it("a link used by many people at once lets exactly one in", async () => {
    const { owner, orgId } = await team();
    const email = newEmail("raced");
    const { token } = (await invite(owner, orgId, { email })).body.invitation;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acceptAnonymously(token, `Racer ${i}`, `password number ${i}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.membership.count({ where: { orgId, user: { email } } })).toBe(1);
  });

  it("an expired or revoked link does not work; a wrong token is not found", async () => {
    const { owner, admin, orgId } = await team();
    const expired = (await invite(owner, orgId, { email: newEmail(), expiresInDays: 1 })).body.invitation;
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await acceptAnonymously(expired.token);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/expired/);
    const listed = (await callRoute(listInvitations, { cookie: owner.cookie, params: { orgId } })).body.invitations;
    expect(listed.find((i: { id: string }) => i.id === expired.id).status).toBe("expired");

    const revoked = (await invite(owner, orgId, { email: newEmail() })).body.invitation;
    const res = await callRoute(revokeInvitation, { method: "DELETE", cookie: admin.cookie, params: { orgId, invitationId: revoked.id } });
    expect(res.status).toBe(204);
    const withdrawn = await acceptAnonymously(revoked.token);
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.message).toMatch(/withdrawn/);
    expect(await db.user.count({ where: { email: revoked.email } })).toBe(0);

    expect((await acceptAnonymously("not-a-token")).status).toBe(404);
    // A used invitation cannot be revoked (it is history).
    const used = (await invite(owner, orgId, { email: newEmail() })).body.invitation;
    await acceptAnonymously(used.token);
    expect((await callRoute(revokeInvitation, { method: "DELETE", cookie: owner.cookie, params: { orgId, invitationId: used.id } })).status).toBe(409);
  });

  it("members cannot invite, outsiders learn nothing, only owners invite owners; instance admins may invite anywhere", async () => {
    const { owner, admin, member, orgId } = await team();
    const stranger = await createTestUser();
    expect((await invite(member, orgId, { email: newEmail() })).status).toBe(403);
    expect((await callRoute(listInvitations, { cookie: member.cookie, params: { orgId } })).status).toBe(403);
    expect((await invite(stranger, orgId, { email: newEmail() })).status).toBe(404);
    expect((await invite(admin, orgId, { email: newEmail(), role: "owner" })).status).toBe(403);
    expect((await invite(owner, orgId, { email: newEmail(), role: "owner" })).status).toBe(201);
    expect((await invite(owner, orgId, { email: member.email })).status).toBe(409);

    const instanceAdmin = await createTestUser({ instanceAdmin: true });
    expect((await invite(instanceAdmin, orgId, { email: newEmail(), role: "owner" })).status).toBe(201);
    expect((await invite(instanceAdmin, "no-such-org", { email: newEmail() })).status).toBe(404);
  });

  it("signed in, the invited person joins with their own account; another account cannot use their link", async () => {
    const { owner, orgId } = await team();
    const invitee = await createTestUser();
    const intruder = await createTestUser();
    const { token } = (await invite(owner, orgId, { email: invitee.email, role: "member" })).body.invitation;
    const refused = await callRoute(accept, { method: "POST", cookie: intruder.cookie, body: { token } });
    expect(refused.status).toBe(403);
    // An account already exists for the email: an anonymous visitor cannot create a second one.
    expect((await acceptAnonymously(token)).status).toBe(409);

    const joined = await callRoute(accept, { method: "POST", cookie: invitee.cookie, body: { token } });
    expect(joined.status).toBe(201);
    expect(joined.body.isNewAccount).toBe(false);
    expect(await db.membership.findFirst({ where: { orgId, userId: invitee.id } })).toMatchObject({ role: "member" });
    // The link was made for that address: accepting it verifies the account's email.
    expect((await db.user.findUniqueOrThrow({ where: { id: invitee.id } })).emailVerifiedAt).not.toBeNull();
  });

  it("a new invitation for the same person replaces their previous link", async () => {
    const { owner, orgId } = await team();
    const email = newEmail();
    const first = (await invite(owner, orgId, { email })).body.invitation;
    const second = (await invite(owner, orgId, { email, role: "admin" })).body.invitation;
    expect((await acceptAnonymously(first.token)).status).toBe(409);
    expect((await acceptAnonymously(second.token)).body.role).toBe("admin");
  });
});

describe("SIGNUP=closed and SIGNUP=open", () => {
  it("closed: only an instance admin's invitation brings someone new; an org admin's can add existing accounts", async () => {
    setSignup("closed");
    const { owner, orgId } = await team();
    const refused = await invite(owner, orgId, { email: newEmail() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/instance admin/);
    const existing = await createTestUser();
    const forExisting = (await invite(owner, orgId, { email: existing.email })).body.invitation;
    expect((await callRoute(accept, { method: "POST", cookie: existing.cookie, body: { token: forExisting.token } })).status).toBe(201);

    const instanceAdmin = await createTestUser({ instanceAdmin: true });
    const email = newEmail();
    const link = (await invite(instanceAdmin, orgId, { email })).body.invitation;
    expect((await acceptAnonymously(link.token)).status).toBe(201);
    expect(await db.membership.count({ where: { orgId, user: { email } } })).toBe(1);

    const plain = await callRoute(signUp, { method: "POST", body: { name: "P", email: newEmail(), password: "long enough pass" } });
    expect(plain.status).toBe(403);
    expect(plain.body.error.message).toBe("Sign-up is closed on this server: ask its administrator for an invitation");
  });

  it("open: today's behaviour, plain sign-up for anyone", async () => {
    setSignup("open");
    const res = await callRoute(signUp, { method: "POST", body: { name: "Open", email: newEmail("open"), password: "long enough pass" } });
    expect(res.status).toBe(201);
  });
});
