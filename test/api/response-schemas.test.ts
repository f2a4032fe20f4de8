import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as listApiKeys, POST as createApiKey } from "@/app/api/v1/api-keys/route";
import { POST as acceptInvitation } from "@/app/api/v1/invitations/accept/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as createInvitation } from "@/app/api/v1/orgs/[orgId]/invitations/route";
import { PATCH as patchMember } from "@/app/api/v1/orgs/[orgId]/members/[userId]/route";
import { GET as listMembers, POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { GET as listOrgs, POST as createOrg } from "@/app/api/v1/orgs/route";
import { GET as getProject, PATCH as patchProject } from "@/app/api/v1/projects/[projectId]/route";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { createdApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { db } from "@/lib/db/client";
import { getInvitationPreview } from "@/lib/invitations/get-invitation-preview";
import { acceptedInvitationSchema, createdInvitationSchema, invitationPreviewSchema } from "@/lib/invitations/invitation-schemas";
import { memberSchema, organizationSchema } from "@/lib/orgs/org-schemas";
import { projectSchema } from "@/lib/projects/project-schemas";
import { getAccountSecurity } from "@/lib/users/get-account-security";
import { accountSecuritySchema } from "@/lib/users/user-schemas";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestUser, uniqueSuffix } from "@/test/factories";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

/*
 * The response schemas in lib/**\/*-schemas.ts are only used for their z.infer types; nothing parses a response with
 * them. These tests parse what the real route handlers return with each schema made strict at every object level, so
 * a field the route adds, drops or types differently than the schema says fails here.
 */

/**
 * `schema` with every object in it (nested, in arrays, records, unions, nullable/optional) strict: an undeclared key
 * fails. Throws on a schema kind it does not know, rather than silently leaving part of the schema loose.
 */
function deepStrict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, deepStrict(value as z.ZodType)]));
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodNullable) return deepStrict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return deepStrict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodArray) return z.array(deepStrict(schema.element as z.ZodType));
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType, deepStrict(schema.valueType as z.ZodType));
  if (schema instanceof z.ZodUnion) return z.union(schema.options.map((option) => deepStrict(option as z.ZodType)));
  if (
    schema instanceof z.ZodString ||
    schema instanceof z.ZodNumber ||
    schema instanceof z.ZodBoolean ||
    schema instanceof z.ZodEnum ||
    schema instanceof z.ZodLiteral ||
    schema instanceof z.ZodNull
  ) {
    return schema;
  }
  throw new Error(`deepStrict: unsupported schema type ${schema.def.type}`);
}

/** Parses `value` with the deep-strict `schema`; on failure, the assertion shows zod's issues (paths and messages). */
function expectMatches(schema: z.ZodType, value: unknown) {
  expect(value).toBeDefined();
  const result = deepStrict(schema).safeParse(value);
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

const newEmail = (who: string) => `${who}-${uniqueSuffix()}@example.test`;

/** A team organization with an owner (a fresh user) and its id. */
async function teamOf() {
  const owner = await createTestUser({ name: "Owner" });
  const created = await callRoute(createOrg, { method: "POST", cookie: owner.cookie, body: { name: `Team ${uniqueSuffix()}` } });
  expect(created.status).toBe(201);
  return { owner, orgId: created.body.organization.id as string, created };
}

describe("deepStrict (the helper these tests rely on)", () => {
  it("rejects an undeclared key at the top level and in a nested object, and accepts the exact shape", () => {
    const exact = { organization: { id: "o", name: "Team" }, role: "member", isNewAccount: false, email: "a@b.test" };
    expect(deepStrict(acceptedInvitationSchema).safeParse(exact).success).toBe(true);
    expect(deepStrict(acceptedInvitationSchema).safeParse({ ...exact, extra: 1 }).success).toBe(false);
    expect(deepStrict(acceptedInvitationSchema).safeParse({ ...exact, organization: { ...exact.organization, slug: "x" } }).success).toBe(false);
    // The plain schema strips the extra keys instead: what these tests guard against.
    expect(acceptedInvitationSchema.safeParse({ ...exact, extra: 1 }).success).toBe(true);
  });

  it("keeps nullable and record members strict", () => {
    const schema = z.object({ inner: z.object({ a: z.string() }).nullable(), byKey: z.record(z.string(), z.object({ n: z.number() })) });
    expect(deepStrict(schema).safeParse({ inner: null, byKey: { k: { n: 1 } } }).success).toBe(true);
    expect(deepStrict(schema).safeParse({ inner: { a: "x", b: 1 }, byKey: {} }).success).toBe(false);
    expect(deepStrict(schema).safeParse({ inner: null, byKey: { k: { n: 1, m: 2 } } }).success).toBe(false);
  });
});

describe("response schemas match what the routes return", () => {
  it("createdApiKeySchema: POST /api/v1/api-keys → body.apiKey (with and without an expiry, made with a session and with an API key)", async () => {
    const user = await createTestUser();
    const withExpiry = await callRoute(createApiKey, {
      method: "POST",
      cookie: user.cookie,
      body: { name: "CI", scopes: ["read"], expiresInDays: 30 },
    });
    expect(withExpiry.status).toBe(201);
    expectMatches(createdApiKeySchema, withExpiry.body.apiKey);
    expect(withExpiry.body.apiKey.expiresAt).toEqual(expect.any(String));

    // Made with an API key (a child of that key, bound to its expiry): the same shape.
    const parent = await createTestApiKey(user.id);
    const child = await callRoute(createApiKey, { method: "POST", apiKey: parent.key, body: { name: "child", scopes: ["read"] } });
    expect(child.status).toBe(201);
    expectMatches(createdApiKeySchema, child.body.apiKey);

    const plain = await callRoute(createApiKey, { method: "POST", cookie: user.cookie, body: { name: "CLI" } });
    expect(plain.status).toBe(201);
    expectMatches(createdApiKeySchema, plain.body.apiKey);
    expect(plain.body.apiKey.expiresAt).toBeNull();
    // Sanity: the listing route does not carry the key, so it must NOT match the created shape.
    const listed = await callRoute(listApiKeys, { cookie: user.cookie });
    expect(deepStrict(createdApiKeySchema).safeParse(listed.body.apiKeys[0]).success).toBe(false);
  });

  it("createdInvitationSchema: POST /api/v1/orgs/{orgId}/invitations → body.invitation", async () => {
    const { owner, orgId } = await teamOf();
    const res = await callRoute(createInvitation, {
      method: "POST",
      cookie: owner.cookie,
      params: { orgId },
      body: { email: newEmail("invitee"), role: "admin", expiresInDays: 3 },
    });
    expect(res.status).toBe(201);
    expectMatches(createdInvitationSchema, res.body.invitation);
    expect(res.body.invitation.invitedByName).toBe("Owner");
  });

  it("acceptedInvitationSchema: POST /api/v1/invitations/accept → body (a new account, and a signed-in one)", async () => {
    const { owner, orgId } = await teamOf();
    // Someone new: the invitation creates the account.
    const fresh = await callRoute(createInvitation, { method: "POST", cookie: owner.cookie, params: { orgId }, body: { email: newEmail("new") } });
    expect(fresh.status).toBe(201);
    const joined = await callRoute(acceptInvitation, {
      method: "POST",
      body: { token: fresh.body.invitation.token, name: "Newcomer", password: "a long password" },
    });
    expect(joined.status).toBe(201);
    expectMatches(acceptedInvitationSchema, joined.body);
    expect(joined.body.isNewAccount).toBe(true);

    // Someone with an account, signed in.
    const existing = await createTestUser();
    const forExisting = await callRoute(createInvitation, { method: "POST", cookie: owner.cookie, params: { orgId }, body: { email: existing.email } });
    expect(forExisting.status).toBe(201);
    const signedIn = await callRoute(acceptInvitation, { method: "POST", cookie: existing.cookie, body: { token: forExisting.body.invitation.token } });
    expect(signedIn.status).toBe(201);
    expectMatches(acceptedInvitationSchema, signedIn.body);
    expect(signedIn.body.isNewAccount).toBe(false);
  });

  it("invitationPreviewSchema: NO route returns it; checked on getInvitationPreview, which app/(auth)/invite/[token]/page.tsx renders", async () => {
    const { owner, orgId } = await teamOf();
    const email = newEmail("preview");
    const created = await callRoute(createInvitation, { method: "POST", cookie: owner.cookie, params: { orgId }, body: { email } });
    expect(created.status).toBe(201);
    const token: string = created.body.invitation.token;
    const pending = await getInvitationPreview({ token });
    expectMatches(invitationPreviewSchema, pending);
    expect(pending).toMatchObject({ status: "pending", hasAccount: false, invitedByName: "Owner" });

    const accepted = await callRoute(acceptInvitation, { method: "POST", body: { token, name: "Previewed", password: "a long password" } });
    expect(accepted.status).toBe(201);
    const used = await getInvitationPreview({ token });
    expectMatches(invitationPreviewSchema, used);
    expect(used).toMatchObject({ status: "accepted", hasAccount: true });
  });

  it("accountSecuritySchema: NO route returns it; checked on getAccountSecurity, which app/(app)/settings/page.tsx renders", async () => {
    const user = await createTestUser();
    expectMatches(accountSecuritySchema, await getAccountSecurity({ userId: user.id }));
    await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date(), githubId: `gh-${uniqueSuffix()}` } });
    const linked = await getAccountSecurity({ userId: user.id });
    expectMatches(accountSecuritySchema, linked);
    expect(linked).toEqual({ hasPassword: true, isEmailVerified: true, isGithubLinked: true });
  });

  it("organizationSchema: POST /api/v1/orgs → body.organization; GET /api/v1/orgs and GET /api/v1/me → body.organizations[]", async () => {
    const { owner, orgId, created } = await teamOf();
    expectMatches(organizationSchema, created.body.organization);

    const listed = await callRoute(listOrgs, { cookie: owner.cookie });
    expect(listed.status).toBe(200);
    // The personal organization and the team.
    expect(listed.body.organizations.map((org: { id: string }) => org.id)).toEqual([owner.orgId, orgId]);
    for (const org of listed.body.organizations) expectMatches(organizationSchema, org);

    const me = await callRoute(getMe, { cookie: owner.cookie });
    expect(me.status).toBe(200);
    expect(me.body.organizations).toHaveLength(2);
    for (const org of me.body.organizations) expectMatches(organizationSchema, org);
  });

  it("memberSchema: GET /api/v1/orgs/{orgId}/members → body.members[]; POST → body.member; PATCH …/members/{userId} → body.member", async () => {
    const { owner, orgId } = await teamOf();
    const other = await createTestUser({ name: "Other" });
    const added = await callRoute(addMember, { method: "POST", cookie: owner.cookie, params: { orgId }, body: { email: other.email, role: "member" } });
    expect(added.status).toBe(201);
    expectMatches(memberSchema, added.body.member);

    const listed = await callRoute(listMembers, { cookie: owner.cookie, params: { orgId } });
    expect(listed.status).toBe(200);
    expect(listed.body.members).toHaveLength(2);
    for (const member of listed.body.members) expectMatches(memberSchema, member);

    const patched = await callRoute(patchMember, { method: "PATCH", cookie: owner.cookie, params: { orgId, userId: other.id }, body: { role: "admin" } });
    expect(patched.status).toBe(200);
    expectMatches(memberSchema, patched.body.member);
    expect(patched.body.member.role).toBe("admin");
  });

  it("projectSchema: POST /api/v1/projects → body.project; GET /api/v1/projects → body.projects[]; GET and PATCH /api/v1/projects/{projectId} → body.project", async () => {
    // An instance admin may use any local path as a repository (no DNS lookup, unlike an https URL).
    const user = await createTestUser({ instanceAdmin: true });
    const org = await callRoute(createOrg, { method: "POST", cookie: user.cookie, body: { name: `Projects ${uniqueSuffix()}` } });
    expect(org.status).toBe(201);
    const orgId: string = org.body.organization.id;
    const repoUrl = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-schemas-")), "develop");
    // Every nullable field set, so their non-null types are checked too.
    const full = await callRoute(createProject, {
      method: "POST",
      cookie: user.cookie,
      body: {
        orgId,
        name: "Full",
        description: "All fields set",
        repoUrl,
        defaultBranch: "develop",
        testCommand: "npm test",
        approvalMode: "manual",
        reviewMode: "manual",
        autoExecuteTickets: false,
        maxConcurrentTasks: 5,
        budgetUsd: 12.5,
        wipLimits: { building: 2, testing: 1 },
      },
    });
    expect(full.status).toBe(201);
    expectMatches(projectSchema, full.body.project);
    // The nullable fields null.
    const bare = await callRoute(createProject, { method: "POST", cookie: user.cookie, body: { orgId, name: "Bare" } });
    expect(bare.status).toBe(201);
    expectMatches(projectSchema, bare.body.project);
    expect(bare.body.project).toMatchObject({ description: null, repoUrl: null, testCommand: null, budgetUsd: null, wipLimits: null });
    // A second project on the same repository: sharedRepoWith is non-empty.
    const twin = await callRoute(createProject, { method: "POST", cookie: user.cookie, body: { orgId, name: "Twin", repoUrl, defaultBranch: "develop" } });
    expect(twin.status).toBe(201);
    expectMatches(projectSchema, twin.body.project);
    expect(twin.body.project.sharedRepoWith).toEqual(["Full"]);

    const listed = await callRoute(listProjects, { cookie: user.cookie, path: `/api/v1/projects?orgId=${orgId}` });
    expect(listed.status).toBe(200);
    expect(listed.body.projects).toHaveLength(3);
    for (const project of listed.body.projects) expectMatches(projectSchema, project);

    const one = await callRoute(getProject, { cookie: user.cookie, params: { projectId: full.body.project.id } });
    expect(one.status).toBe(200);
    expectMatches(projectSchema, one.body.project);
    expect(one.body.project.sharedRepoWith).toEqual(["Twin"]);

    const patched = await callRoute(patchProject, {
      method: "PATCH",
      cookie: user.cookie,
      params: { projectId: bare.body.project.id },
      body: { budgetUsd: 3, wipLimits: { analyzing: 4 } },
    });
    expect(patched.status).toBe(200);
    expectMatches(projectSchema, patched.body.project);
  });
});
