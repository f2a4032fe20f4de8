import { describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[keyId]/route";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestUser } from "@/test/factories";

describe("API keys", () => {
  it("are shown once, stored only as sha256, and listed without the key", async () => {
    const user = await createTestUser();
    const created = await callRoute(createKey, { method: "POST", cookie: user.cookie, body: { name: "CLI" } });
    expect(created.status).toBe(201);
    const key: string = created.body.apiKey.key;
    expect(key).toMatch(/^omoi_[A-Za-z0-9_-]{43}$/);
    expect(created.body.apiKey.scopes).toEqual(["read", "write"]);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.body.apiKey.id } });
    expect(row.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);

    const listed = await callRoute(listKeys, { cookie: user.cookie });
    expect(listed.body.apiKeys).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.apiKeys[0].prefix).toBe(key.slice(0, 13));
  });

  it("authenticate /api/v1 calls as Bearer and record last use", async () => {
    const user = await createTestUser();
    const { key, id } = await createTestApiKey(user.id);
    const res = await callRoute(listProjects, { apiKey: key });
    expect(res.status).toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("stop working when revoked or expired, and unknown keys get 401", async () => {
    const user = await createTestUser();
    const { key, id } = await createTestApiKey(user.id);
    const revoked = await callRoute(revokeKey, { method: "DELETE", cookie: user.cookie, params: { keyId: id } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).not.toBeNull();
    expect((await callRoute(listProjects, { apiKey: key })).status).toBe(401);

    const expiring = await createTestApiKey(user.id);
    await db.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callRoute(listProjects, { apiKey: expiring.key })).status).toBe(401);

    expect((await callRoute(listProjects, { apiKey: "omoi_not-a-real-key" })).status).toBe(401);
    expect((await callRoute(listProjects, { headers: { authorization: "Basic dXNlcjpwYXNz" } })).status).toBe(401);
  });

  it("enforce scopes: a read-only key can list but not create", async () => {
    const user = await createTestUser();
    const { key } = await createTestApiKey(user.id, ["read"]);
    expect((await callRoute(listProjects, { apiKey: key })).status).toBe(200);
    const res = await callRoute(createProject, { method: "POST", apiKey: key, body: { name: "nope" } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/write/);
  });

  it("cannot be revoked by another user (404, and the key keeps working)", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const { key, id } = await createTestApiKey(owner.id);
    const res = await callRoute(revokeKey, { method: "DELETE", cookie: other.cookie, params: { keyId: id } });
    expect(res.status).toBe(404);
    expect((await callRoute(listProjects, { apiKey: key })).status).toBe(200);
  });

  it("validate their input with field errors", async () => {
    const user = await createTestUser();
    const res = await callRoute(createKey, { method: "POST", cookie: user.cookie, body: { name: "", scopes: ["admin"] } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields)).toEqual(expect.arrayContaining(["name", "scopes.0"]));
  });
});
