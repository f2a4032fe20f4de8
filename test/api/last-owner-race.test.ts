import { describe, expect, it } from "vitest";
import { DELETE as removeMember, PATCH as updateMember } from "@/app/api/v1/orgs/[orgId]/members/[userId]/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/orgs/add-member";
import { callRoute } from "@/test/call-route";
import { createTestUser, type TestUser } from "@/test/factories";

/** A team with two owners. */
async function twoOwners(): Promise<{ a: TestUser; b: TestUser; orgId: string }> {
  const a = await createTestUser();
  const b = await createTestUser();
  await addMember({ userId: a.id, orgId: a.orgId, input: { email: b.email, role: "owner" } });
  return { a, b, orgId: a.orgId };
}

const demote = (by: TestUser, orgId: string, who: TestUser) =>
  callRoute(updateMember, { method: "PATCH", cookie: by.cookie, params: { orgId, userId: who.id }, body: { role: "member" } });
const remove = (by: TestUser, orgId: string, who: TestUser) =>
  callRoute(removeMember, { method: "DELETE", cookie: by.cookie, params: { orgId, userId: who.id } });
const owners = (orgId: string) => db.membership.count({ where: { orgId, role: "owner" } });

/**
 * Exactly one request of the pair succeeds. The other is refused as the state it finds (after waiting for the first)
 * dictates: the last owner stays (409), or its actor is no longer an owner (403) or no longer a member (404).
 */
function expectOneWinner(results: { status: number; body: unknown }[]) {
  const what = JSON.stringify(results.map((r) => [r.status, r.body]));
  expect(results.filter((r) => r.status < 300), what).toHaveLength(1);
  expect(results.filter((r) => [403, 404, 409].includes(r.status)), what).toHaveLength(1);
}

// Two owners acting at the same moment, each allowed on its own: exactly one may succeed, and the organization keeps
// an owner. Several rounds, so the requests really overlap in the database.
describe("the last-owner rule under concurrent requests", () => {
  it("two owners demoting each other: one succeeds, the other is refused", async () => {
    for (let round = 0; round < 6; round++) {
      const { a, b, orgId } = await twoOwners();
      const results = await Promise.all([demote(a, orgId, b), demote(b, orgId, a)]);
      expectOneWinner(results);
      expect(await owners(orgId)).toBe(1);
    }
  });

  it("two owners removing each other, or both leaving at once: one goes, one stays owner", async () => {
    for (let round = 0; round < 6; round++) {
      const { a, b, orgId } = await twoOwners();
      const results = round % 2
        ? await Promise.all([remove(a, orgId, b), remove(b, orgId, a)])
        : await Promise.all([remove(a, orgId, a), remove(b, orgId, b)]);
      expectOneWinner(results);
      expect(await owners(orgId)).toBe(1);
    }
  });

  it("a demotion racing a removal of the other owner", async () => {
    for (let round = 0; round < 6; round++) {
      const { a, b, orgId } = await twoOwners();
      const results = await Promise.all([demote(a, orgId, a), remove(b, orgId, b)]);
      expectOneWinner(results);
      expect(await owners(orgId)).toBe(1);
    }
  });
});
