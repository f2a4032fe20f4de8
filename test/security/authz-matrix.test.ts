import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { addMember } from "@/lib/orgs/add-member";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestProject, createTestUser, uniqueSuffix, type TestUser } from "@/test/factories";

// Every route under app/api, found on disk (a new route cannot escape this test), called as anonymous, as a user of
// another organization, with another sandbox's token, and as a member. A route must be classified below or the
// test fails; responses to outsiders must never carry the organization's data.

type Kind =
  /** Anyone (health, sign-up). */
  | "public"
  /** Only the sandbox's own token. */
  | "sandbox"
  /** A signed-in user acting on their own things (lists, their orgs, their keys): 401 anonymous, never a leak. */
  | "self"
  /** One organization's resource: 401 anonymous, 403/404 to outsiders, allowed to members. */
  | "resource";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const CLASSIFIED: Record<string, Partial<Record<(typeof METHODS)[number], Kind>>> = {
  "/api/v1/health": { GET: "public" },
  "/api/v1/auth/sign-up": { POST: "public" },
  "/api/v1/me": { GET: "self" },
  "/api/v1/me/sessions": { DELETE: "self" },
  "/api/v1/me/password": { PUT: "self" },
  "/api/v1/me/github-link": { POST: "self", DELETE: "self" },
  "/api/v1/invitations/accept": { POST: "public" },
  "/api/v1/invitations/github": { POST: "public" },
  "/api/v1/orgs": { GET: "self", POST: "self" },
  "/api/v1/orgs/[orgId]/members": { GET: "resource", POST: "resource" },
  "/api/v1/orgs/[orgId]/members/[userId]": { PATCH: "resource", DELETE: "resource" },
  "/api/v1/orgs/[orgId]/invitations": { GET: "resource", POST: "resource" },
  "/api/v1/orgs/[orgId]/invitations/[invitationId]": { DELETE: "resource" },
  "/api/v1/projects": { GET: "self", POST: "self" },
  "/api/v1/projects/[projectId]": { GET: "resource", PATCH: "resource", DELETE: "resource" },
  "/api/v1/projects/[projectId]/readiness": { GET: "resource" },
  "/api/v1/projects/[projectId]/overview": { GET: "resource" },
  "/api/v1/projects/[projectId]/omoi-sync": { GET: "resource", POST: "resource" },
  "/api/v1/api-keys": { GET: "self", POST: "self" },
  "/api/v1/api-keys/[keyId]": { DELETE: "resource" },
  "/api/v1/search": { GET: "self" },
  "/api/v1/specs": { GET: "resource", POST: "resource" },
  "/api/v1/specs/launch": { POST: "resource" },
  "/api/v1/specs/[specId]": { GET: "resource" },
  "/api/v1/specs/[specId]/events": { GET: "resource" },
  "/api/v1/specs/[specId]/approve": { POST: "resource" },
  "/api/v1/specs/[specId]/cancel": { POST: "resource" },
  "/api/v1/specs/[specId]/execute": { POST: "resource" },
  "/api/v1/specs/[specId]/execute-tasks": { POST: "resource" },
  "/api/v1/specs/[specId]/export": { GET: "resource" },
  "/api/v1/specs/[specId]/diff": { GET: "resource" },
  "/api/v1/specs/[specId]/request-changes": { POST: "resource" },
  "/api/v1/specs/[specId]/stop": { POST: "resource" },
  "/api/v1/specs/[specId]/phases/[phase]/revisions": { GET: "resource" },
  "/api/v1/tickets": { GET: "resource", POST: "resource" },
  "/api/v1/tickets/[ticketId]": { GET: "resource", PATCH: "resource" },
  "/api/v1/tickets/[ticketId]/run": { POST: "resource" },
  "/api/v1/tickets/[ticketId]/cancel": { POST: "resource" },
  "/api/v1/tickets/[ticketId]/reopen": { POST: "resource" },
  "/api/v1/tickets/[ticketId]/diff": { GET: "resource" },
  "/api/v1/tickets/[ticketId]/comments": { GET: "resource", POST: "resource" },
  "/api/v1/tickets/[ticketId]/review": { POST: "resource" },
  "/api/v1/board/view": { GET: "resource" },
  "/api/v1/board/move": { POST: "resource" },
  "/api/v1/sandboxes/[id]": { GET: "resource" },
  "/api/v1/sandboxes/[id]/events": { GET: "resource", POST: "sandbox" },
  "/api/v1/sandboxes/[id]/context": { GET: "sandbox" },
  "/api/v1/sandboxes/[id]/phases/[phase]": { PUT: "sandbox" },
  "/api/v1/llm/v1/messages": { POST: "sandbox" },
  "/api/v1/llm/v1/messages/count_tokens": { POST: "sandbox" },
};
/**
 * Routes that end the caller's sessions when they succeed ("sign out everywhere", a password change): called with a
 * throwaway user's cookie, so the cookies the other routes are called with stay valid.
 */
const ENDS_SESSIONS = new Set(["DELETE /api/v1/me/sessions", "PUT /api/v1/me/password"]);
/** next-auth's own catch-all (sign-in, callbacks, CSRF): its throttling and cookies are tested in test/api/auth. */
const NOT_OURS = new Set(["/api/auth/[...nextauth]"]);

interface Route {
  path: string;
  method: (typeof METHODS)[number];
  handler: Parameters<typeof callRoute>[0];
}

function findRouteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const routeFiles = findRouteFiles(path.resolve("app/api")).map((file) => ({
  file,
  path: `/${path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).join("/")}`,
}));

const routes: Route[] = [];
let owner: TestUser;
let member: TestUser;
let stranger: TestUser;
let a: { orgId: string; projectId: string; specId: string; ticketId: string; sandboxId: string; sandboxToken: string; ownerKeyId: string; memberKeyId: string; invitationId: string; secret: string };
let foreignSandboxToken: string;

beforeAll(async () => {
  // Authorized model calls are forwarded; a closed loopback port answers them at once (no internet needed).
  process.env.ANTHROPIC_BASE_URL = "http://127.0.0.1:9";
  reloadEnv();
  for (const { file, path: routePath } of routeFiles) {
    if (NOT_OURS.has(routePath)) continue;
    const mod = (await import(file)) as Record<string, Route["handler"]>;
    for (const method of METHODS) if (typeof mod[method] === "function") routes.push({ path: routePath, method, handler: mod[method] });
  }

  const secret = `zqx${uniqueSuffix()}`;
  owner = await createTestUser({ name: `Owner ${secret}` });
  member = await createTestUser();
  stranger = await createTestUser();
  await addMember({ userId: owner.id, orgId: owner.orgId, input: { email: member.email, role: "member" } });
  const project = await createTestProject(owner.id, { name: `Project ${secret}`, autoExecuteTickets: false });
  const spec = await db.spec.create({ data: { projectId: project.id, userId: owner.id, title: `Spec ${secret}`, description: `About ${secret}`, generationStatus: "completed" } });
  const ticket = await db.ticket.create({ data: { projectId: project.id, userId: owner.id, specId: spec.id, key: "OMOI-1", number: 1, title: `Ticket ${secret}`, position: 1 } });
  // Running: a token works only while its sandbox is live.
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", status: "running", specId: spec.id } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  const theirs = await db.sandbox.create({ data: { purpose: "task", status: "running" } });
  foreignSandboxToken = (await issueSandboxToken({ sandboxId: theirs.id })).token;
  const ownerKey = await createTestApiKey(owner.id);
  const memberKey = await createTestApiKey(member.id);
  const invitation = await createInvitation({ userId: owner.id, orgId: owner.orgId, input: { email: `invitee-${secret}@example.test` } });
  a = { orgId: owner.orgId, projectId: project.id, specId: spec.id, ticketId: ticket.id, sandboxId: sandbox.id, sandboxToken: token, ownerKeyId: ownerKey.id, memberKeyId: memberKey.id, invitationId: invitation.id, secret };
});

/** The path's [params] filled with the organization's resources (a key: the caller's own for members). */
function paramsFor(routePath: string, as: "outsider" | "member") {
  const values: Record<string, string> = {
    orgId: a.orgId,
    userId: owner.id,
    projectId: a.projectId,
    specId: a.specId,
    ticketId: a.ticketId,
    id: a.sandboxId,
    keyId: as === "member" ? a.memberKeyId : a.ownerKeyId,
    invitationId: a.invitationId,
    phase: "explore",
  };
  return Object.fromEntries([...routePath.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, values[name!]!]));
}

/** A body that names the organization's things wherever a route takes an id, so outsiders hit the access check. */
const body = () => ({
  projectId: a.projectId,
  ticketId: a.ticketId,
  toStatus: "analyzing",
  title: "A title",
  name: `name-${uniqueSuffix()}`,
  prompt: "Greet people in French, please",
  description: "Greet people in French, please",
  email: stranger.email,
  role: "member",
  gate: "requirements",
  phase: "requirements",
  feedback: "Please change this",
  events: [],
  model: "claude-sonnet-5-5",
  max_tokens: 16,
  messages: [{ role: "user", content: "hi" }],
});

/** Routes whose schema refuses the shared body's extra fields (validation runs before the access check). */
const BODY_OVERRIDES: Record<string, () => unknown> = {
  "PATCH /api/v1/projects/[projectId]": () => ({ description: "A new description" }),
  "POST /api/v1/tickets/[ticketId]/comments": () => ({ path: "src/greet.js", line: 1, body: "Why?" }),
  "POST /api/v1/tickets/[ticketId]/review": () => ({ action: "approve" }),
};

const call = async (route: Route, as: "outsider" | "member", auth: { cookie?: string; headers?: Record<string, string> }) =>
  callRoute(route.handler, {
    method: route.method,
    path: `${route.path}?projectId=${a.projectId}&specId=${a.specId}&scope=all&q=${a.secret}&after=0`,
    params: paramsFor(route.path, as),
    body: route.method === "GET" || route.method === "DELETE" ? undefined : (BODY_OVERRIDES[`${route.method} ${route.path}`] ?? body)(),
    ...auth,
    ...(auth.cookie && ENDS_SESSIONS.has(`${route.method} ${route.path}`) ? { cookie: (await createTestUser()).cookie } : {}),
  });

const kindOf = (route: Route): Kind | undefined => CLASSIFIED[route.path]?.[route.method];
const mentions = (value: unknown) => {
  const text = JSON.stringify(value ?? "");
  return [a.secret, a.projectId, a.specId, a.ticketId, a.sandboxId].filter((needle) => text.includes(needle));
};

describe("authorization matrix over every route under app/api", () => {
  it("finds the routes on disk, and every one is classified", () => {
    expect(routes.length).toBeGreaterThanOrEqual(45);
    const unclassified = routes.filter((route) => !kindOf(route)).map((route) => `${route.method} ${route.path}`);
    expect(unclassified, "classify new routes in CLASSIFIED").toEqual([]);
    const stale = Object.entries(CLASSIFIED).flatMap(([p, methods]) =>
      Object.keys(methods).filter((m) => !routes.some((route) => route.path === p && route.method === m)).map((m) => `${m} ${p}`),
    );
    expect(stale, "CLASSIFIED names routes that no longer exist").toEqual([]);
  });

  it("anonymous callers get 401 everywhere but the public routes", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (kindOf(route) === "public") continue;
      const res = await call(route, "outsider", {});
      if (res.status !== 401) wrong.push(`${route.method} ${route.path} → ${res.status}`);
      if (mentions(res.body).length) wrong.push(`${route.method} ${route.path} leaked ${mentions(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("a user of another organization is refused every resource and sees none of its data anywhere", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const kind = kindOf(route);
      if (kind === "public") continue;
      const res = await call(route, "outsider", { cookie: stranger.cookie });
      if (kind === "resource" && ![403, 404].includes(res.status)) wrong.push(`${route.method} ${route.path} → ${res.status}`);
      if (kind === "sandbox" && res.status !== 401) wrong.push(`${route.method} ${route.path} (sandbox route, user cookie) → ${res.status}`);
      if (mentions(res.body).length) wrong.push(`${route.method} ${route.path} leaked ${mentions(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("another sandbox's token is refused on this sandbox's routes; a user session is not a sandbox token", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => kindOf(r) === "sandbox" && r.path.includes("[id]"))) {
      const res = await call(route, "outsider", { headers: { authorization: `Bearer ${foreignSandboxToken}` } });
      if (res.status !== 403) wrong.push(`${route.method} ${route.path} → ${res.status}`);
      if (mentions(res.body).length) wrong.push(`${route.method} ${route.path} leaked ${mentions(res.body)}`);
    }
    // A sandbox token is not a user: it opens no user route.
    for (const route of routes.filter((r) => kindOf(r) === "resource" || kindOf(r) === "self")) {
      const res = await call(route, "outsider", { headers: { authorization: `Bearer ${a.sandboxToken}` } });
      if (res.status !== 401) wrong.push(`${route.method} ${route.path} with a sandbox token → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("members get through (role rules aside), and the sandbox's own token opens its routes", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const kind = kindOf(route);
      if (kind === "public") continue;
      const auth = kind === "sandbox" ? { headers: { authorization: `Bearer ${a.sandboxToken}` } } : { cookie: member.cookie };
      const res = await call(route, "member", auth);
      // 403 is a role rule (a member may not delete the project); 401/404 would mean the check shut out a member.
      // The model proxy forwards an authorized call to the closed port: 503 "could not be reached" means it got through.
      const forwarded = route.path.startsWith("/api/v1/llm/") && res.status === 503 && res.body?.error?.code === "service_unavailable";
      if (res.status === 401 || (kind !== "sandbox" && res.status === 404) || (res.status >= 500 && !forwarded)) {
        wrong.push(`${route.method} ${route.path} → ${res.status} ${JSON.stringify(res.body?.error ?? "").slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
