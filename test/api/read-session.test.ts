import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { readPageSession } from "@/app/read-page-session";
import { revokeSessions } from "@/lib/auth/revoke-sessions";
import { callRoute } from "@/test/call-route";
import { createTestUser } from "@/test/factories";

// Pages and layouts read the session through lib/auth/read-session.ts like the API does (no getServerSession of
// their own); outside a Next render, the request's cookies come from this stand-in for next/headers.
const jar = vi.hoisted(() => ({ header: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () =>
      jar.header
        .split("; ")
        .filter(Boolean)
        .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1) })),
  }),
}));
vi.mock("next/server", () => ({ connection: async () => {} }));

afterEach(() => {
  jar.header = "";
});

describe("the page session (lib/auth/read-session.ts)", () => {
  it("is the signed-in user as the database has them, and null without a session cookie", async () => {
    const user = await createTestUser({ name: "Ada Lovelace" });
    expect(await readPageSession()).toBeNull();
    jar.header = `theme=dark; ${user.cookie}`;
    expect(await readPageSession()).toMatchObject({ user: { id: user.id, email: user.email, name: "Ada Lovelace", image: null } });
  });

  it("ends with the session where the API's does: after sign-out everywhere both refuse the same cookie", async () => {
    const user = await createTestUser();
    jar.header = user.cookie;
    expect((await callRoute(me, { cookie: user.cookie })).status).toBe(200);
    expect(await readPageSession()).not.toBeNull();
    await revokeSessions({ userId: user.id });
    expect((await callRoute(me, { cookie: user.cookie })).status).toBe(401);
    expect(await readPageSession()).toBeNull();
  });

  it("reads a forged or foreign cookie as no session", async () => {
    jar.header = "next-auth.session-token=not-a-jwt";
    expect(await readPageSession()).toBeNull();
  });
});
