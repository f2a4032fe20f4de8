import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { json } from "@/lib/http/respond";
import { withSandboxAuth } from "@/lib/routes/with-sandbox-auth";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { revokeSandboxToken } from "@/lib/sandbox/revoke-sandbox-token";
import { callRoute } from "@/test/call-route";

// The wrapper every sandbox callback route uses: its own sandbox only.
const handler = withSandboxAuth<{ id: string }>(async (_req, { sandbox }) => json({ sandboxId: sandbox.sandboxId }));

async function sandboxWithToken() {
  const sandbox = await db.sandbox.create({ data: { purpose: "task", status: "running" } });
  return { id: sandbox.id, ...(await issueSandboxToken({ sandboxId: sandbox.id })) };
}

describe("withSandboxAuth", () => {
  it("lets a sandbox call its own routes, with Bearer or x-api-key", async () => {
    const a = await sandboxWithToken();
    expect((await callRoute(handler, { params: { id: a.id }, headers: { authorization: `Bearer ${a.token}` } })).body).toEqual({ sandboxId: a.id });
    expect((await callRoute(handler, { params: { id: a.id }, headers: { "x-api-key": a.token } })).status).toBe(200);
  });

  it("answers 403 to another sandbox's token and 401 to no, a user's, a reissued-away or a revoked token", async () => {
    const a = await sandboxWithToken();
    const b = await sandboxWithToken();
    const foreign = await callRoute(handler, { params: { id: b.id }, headers: { authorization: `Bearer ${a.token}` } });
    expect(foreign.status).toBe(403);
    expect((await callRoute(handler, { params: { id: a.id } })).status).toBe(401);
    expect((await callRoute(handler, { params: { id: a.id }, headers: { authorization: "Bearer omoi_user_key" } })).status).toBe(401);
    const reissued = await issueSandboxToken({ sandboxId: a.id });
    expect((await callRoute(handler, { params: { id: a.id }, headers: { authorization: `Bearer ${a.token}` } })).status).toBe(401);
    await revokeSandboxToken({ sandboxId: a.id });
    expect((await callRoute(handler, { params: { id: a.id }, headers: { authorization: `Bearer ${reissued.token}` } })).status).toBe(401);
  });

  it("lives as long as its sandbox: capped at SANDBOX_WALL_SECONDS plus a margin, refused once the sandbox has ended", async () => {
    const call = (sandbox: { id: string; token: string }) => callRoute(handler, { params: { id: sandbox.id }, headers: { authorization: `Bearer ${sandbox.token}` } });
    const a = await sandboxWithToken();
    const lifetime = a.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(getEnv().SANDBOX_WALL_SECONDS * 1000);
    expect(lifetime).toBeLessThanOrEqual((getEnv().SANDBOX_WALL_SECONDS + 15 * 60) * 1000);

    // It stopped itself (its terminal event): what it sends right after still lands, for a minute.
    await db.sandbox.update({ where: { id: a.id }, data: { status: "stopped", endedAt: new Date() } });
    expect((await call(a)).status).toBe(200);
    await db.sandbox.update({ where: { id: a.id }, data: { endedAt: new Date(Date.now() - 61_000) } });
    expect((await call(a)).status).toBe(401);

    // Lost or failed: refused at once, whether or not its token was revoked.
    for (const status of ["lost", "failed"] as const) {
      const b = await sandboxWithToken();
      await db.sandbox.update({ where: { id: b.id }, data: { status, endedAt: new Date() } });
      expect((await call(b)).status).toBe(401);
    }
  });
});
