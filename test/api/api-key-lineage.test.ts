import { describe, expect, it } from "vitest";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[keyId]/route";
import { GET as me } from "@/app/api/v1/me/route";
import { db } from "@/lib/db/client";
import { callRoute } from "@/test/call-route";
import { createTestUser } from "@/test/factories";

const DAY = 86_400_000;

/** Creates a key with a session (no parent) or with another key (its child). */
async function newKey(auth: { cookie?: string; apiKey?: string }, body: Record<string, unknown> = {}) {
  const res = await callRoute(createKey, { method: "POST", ...auth, body: { name: "k", ...body } });
  return res;
}
const works = async (key: string) => (await callRoute(me, { apiKey: key })).status === 200;

describe("keys created with a key", () => {
  it("expire no later than their parent, whatever they ask for", async () => {
    const user = await createTestUser();
    const parent = (await newKey({ cookie: user.cookie }, { expiresInDays: 30 })).body.apiKey;
    const parentExpiry = new Date(parent.expiresAt).getTime();

    const never = await newKey({ apiKey: parent.key });
    expect(never.status).toBe(201);
    expect(new Date(never.body.apiKey.expiresAt).getTime()).toBe(parentExpiry);
    const longer = await newKey({ apiKey: parent.key }, { expiresInDays: 365 });
    expect(new Date(longer.body.apiKey.expiresAt).getTime()).toBe(parentExpiry);
    const shorter = await newKey({ apiKey: parent.key }, { expiresInDays: 1 });
    expect(new Date(shorter.body.apiKey.expiresAt).getTime()).toBeLessThan(Date.now() + 1.01 * DAY);
    // Grandchildren too (the cap is the child's, itself capped).
    const grandchild = await newKey({ apiKey: never.body.apiKey.key });
    expect(new Date(grandchild.body.apiKey.expiresAt).getTime()).toBe(parentExpiry);
    // A key made in a signed-in session has no parent and may never expire.
    expect((await newKey({ cookie: user.cookie })).body.apiKey.expiresAt).toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: never.body.apiKey.id } })).parentKeyId).toBe(parent.id);
  });

  it("cannot grant a scope the parent lacks", async () => {
    const user = await createTestUser();
    const writeOnly = (await newKey({ cookie: user.cookie }, { scopes: ["write"] })).body.apiKey;
    const res = await newKey({ apiKey: writeOnly.key }, { scopes: ["read", "write"] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/read/);
    expect((await newKey({ apiKey: writeOnly.key }, { scopes: ["write"] })).status).toBe(201);
  });

  it("die with their parent, at any depth — and a sibling line lives on", async () => {
    const user = await createTestUser();
    const root = (await newKey({ cookie: user.cookie })).body.apiKey;
    const child = (await newKey({ apiKey: root.key })).body.apiKey;
    const grandchild = (await newKey({ apiKey: child.key })).body.apiKey;
    const unrelated = (await newKey({ cookie: user.cookie })).body.apiKey;
    for (const key of [root, child, grandchild, unrelated]) expect(await works(key.key)).toBe(true);

    const revoked = await callRoute(revokeKey, { method: "DELETE", cookie: user.cookie, params: { keyId: root.id } });
    expect(revoked.status).toBe(200);
    for (const key of [root, child, grandchild]) expect(await works(key.key), key.id).toBe(false);
    expect(await works(unrelated.key)).toBe(true);
    const rows = await db.apiKey.findMany({ where: { id: { in: [child.id, grandchild.id] } } });
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);

    // Revoking a child takes its line only.
    const other = (await newKey({ apiKey: unrelated.key })).body.apiKey;
    await callRoute(revokeKey, { method: "DELETE", cookie: user.cookie, params: { keyId: other.id } });
    expect(await works(other.key)).toBe(false);
    expect(await works(unrelated.key)).toBe(true);
  });

  it("made while their parent is being revoked do not survive it", async () => {
    const user = await createTestUser();
    for (let round = 0; round < 5; round++) {
      const parent = (await newKey({ cookie: user.cookie })).body.apiKey;
      const child = (await newKey({ apiKey: parent.key })).body.apiKey;
      const results = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => newKey({ apiKey: i % 2 ? child.key : parent.key }, { name: `racer-${i}` })),
        callRoute(revokeKey, { method: "DELETE", cookie: user.cookie, params: { keyId: parent.id } }),
      ]);
      expect(results.at(-1)!.status).toBe(200);
      for (const created of results.slice(0, -1)) {
        // Refused (the parent was already revoked), or made and then revoked with it.
        if (created.status === 201) expect(await works(created.body.apiKey.key)).toBe(false);
        else expect(created.status).toBe(401);
      }
      const survivors = await db.apiKey.count({ where: { userId: user.id, revokedAt: null, parentKeyId: { not: null } } });
      expect(survivors).toBe(0);
    }
  });
});
