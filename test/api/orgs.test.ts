import { describe, expect, it } from "vitest";
import { GET as listOrgs, POST as createOrg } from "@/app/api/v1/orgs/route";
import { GET as listMembers, POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { DELETE as removeMember, PATCH as patchMember } from "@/app/api/v1/orgs/[orgId]/members/[userId]/route";
import { callRoute } from "@/test/call-route";
import { createTestUser } from "@/test/factories";

describe("organizations and memberships", () => {
  it("a new organization is owned by its creator and listed for them only", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const res = await callRoute(createOrg, { method: "POST", cookie: user.cookie, body: { name: "Acme Inc" } });
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({ name: "Acme Inc", role: "owner", personal: false });
    const mine = await callRoute(listOrgs, { cookie: user.cookie });
    expect(mine.body.organizations.map((o: { id: string }) => o.id)).toContain(res.body.organization.id);
    const theirs = await callRoute(listOrgs, { cookie: other.cookie });
    expect(theirs.body.organizations.map((o: { id: string }) => o.id)).not.toContain(res.body.organization.id);
  });

  it("non-members get 404 for members of an organization; members see them", async () => {
    const owner = await createTestUser();
    const outsider = await createTestUser();
    expect((await callRoute(listMembers, { cookie: outsider.cookie, params: { orgId: owner.orgId } })).status).toBe(404);
    const res = await callRoute(listMembers, { cookie: owner.cookie, params: { orgId: owner.orgId } });
    expect(res.body.members).toEqual([expect.objectContaining({ userId: owner.id, role: "owner" })]);
  });

  it("enforces roles: members cannot add people, admins cannot make owners, the last owner stays", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser();
    const member = await createTestUser();
    const newcomer = await createTestUser();
    const params = { orgId: owner.orgId };
    expect((await callRoute(addMember, { method: "POST", cookie: owner.cookie, params, body: { email: admin.email, role: "admin" } })).status).toBe(201);
    expect((await callRoute(addMember, { method: "POST", cookie: owner.cookie, params, body: { email: member.email } })).status).toBe(201);

    expect((await callRoute(addMember, { method: "POST", cookie: member.cookie, params, body: { email: newcomer.email } })).status).toBe(403);
    expect((await callRoute(addMember, { method: "POST", cookie: admin.cookie, params, body: { email: newcomer.email, role: "owner" } })).status).toBe(403);
    expect((await callRoute(addMember, { method: "POST", cookie: admin.cookie, params, body: { email: member.email } })).status).toBe(409);
    const unknown = await callRoute(addMember, { method: "POST", cookie: admin.cookie, params, body: { email: "nobody@example.test" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields.email).toBeDefined();

    const demoteOwner = await callRoute(patchMember, {
      method: "PATCH",
      cookie: owner.cookie,
      params: { ...params, userId: owner.id },
      body: { role: "member" },
    });
    expect(demoteOwner.status).toBe(409);
    expect((await callRoute(removeMember, { method: "DELETE", cookie: admin.cookie, params: { ...params, userId: owner.id } })).status).toBe(403);

    const promote = await callRoute(patchMember, {
      method: "PATCH",
      cookie: owner.cookie,
      params: { ...params, userId: member.id },
      body: { role: "admin" },
    });
    expect(promote.body.member.role).toBe("admin");
    expect((await callRoute(removeMember, { method: "DELETE", cookie: member.cookie, params: { ...params, userId: member.id } })).status).toBe(204);
    const after = await callRoute(listMembers, { cookie: owner.cookie, params });
    expect(after.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual([owner.id, admin.id].sort());
  });
});
