import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { startFakeAnthropic, type FakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";

// Hostile input against every POST/PUT/PATCH route under app/api (found on disk, like the authorization matrix).
// Each case starts from a valid body and breaks it — a field replaced by odd JSON, removed, an unknown one added, the
// whole body swapped, malformed JSON, a wrong content type, a mangled path parameter — and sends it as a member.
// Whatever happens: never a 5xx, always the one error body,
// no internals in it; a refused request leaves the database exactly as it was (row-by-row checksum), and the
// domain's invariants hold after every case. FUZZ_RUNS and FUZZ_SEED reproduce or deepen a run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const MUTATING = /export const (POST|PUT|PATCH)\b/g;
function findRoutes(dir: string): { file: string; path: string; method: "POST" | "PUT" | "PATCH" }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRoutes(full);
    if (entry.name !== "route.ts") return [];
    const routePath = `/${path.relative(path.resolve("app"), dir).split(path.sep).join("/")}`;
    return [...fs.readFileSync(full, "utf8").matchAll(MUTATING)].map((m) => ({ file: full, path: routePath, method: m[1] as "POST" | "PUT" | "PATCH" }));
  });
}
/** next-auth's catch-all is not ours (its sign-in throttle is tested in test/api/auth). */
const ROUTES = findRoutes(path.resolve("app/api")).filter((route) => !route.path.startsWith("/api/auth/[...nextauth]"));

// Loaded once this file's own database is in the environment (a refused request must change nothing in it, so no
// other test file may write there).
let db: typeof import("@/lib/db/client").db;
let callRoute: typeof import("@/test/call-route").callRoute;
let settleLlmUsage: typeof import("@/lib/llm/record-llm-usage").settleLlmUsage;
let w: {
  ownerCookie: string;
  orgId: string;
  memberId: string;
  strangerOrgId: string;
  projectId: string;
  specId: string;
  runningSpecId: string;
  ticketId: string;
  otherTicketId: string;
  sandboxId: string;
  sandboxToken: string;
  specTaskIds: string[];
};
let admin: pg.Client;
let fake: FakeAnthropic;
/** Signed-up people outside the organization, one per add-member case. */
const newcomers: string[] = [];
/** Open invitation links to the organization, one per accept case. */
const invitationTokens: string[] = [];
/** Routes that end the caller's sessions when they succeed: each case acts as a new user, so the owner's cookie lives. */
const ENDS_SESSIONS = new Set(["PUT /api/v1/me/password"]);
let createTestUser: typeof import("@/test/factories").createTestUser;
let databaseName: string;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  databaseName = `omoios_fuzz_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  const databaseUrl = Object.assign(new URL(inject("adminUrl")), { pathname: `/${databaseName}` }).toString();
  await migrate({ connectionString: databaseUrl });
  await installJobQueue(databaseUrl);
  // Model calls that get through authorization reach the loopback fake, which validates them as the real API would.
  fake = await startFakeAnthropic({ script: () => ({ content: [{ type: "text", text: "Bonjour" }] }) });
  // Open sign-up: the sign-up route's own input handling is fuzzed here (who may join: test/api/invitations.test.ts).
  Object.assign(process.env, { DATABASE_URL: databaseUrl, ANTHROPIC_BASE_URL: fake.url, SIGNUP: "open" });
  (await import("@/lib/env")).reloadEnv();

  db = (await import("@/lib/db/client")).db;
  callRoute = (await import("@/test/call-route")).callRoute;
  settleLlmUsage = (await import("@/lib/llm/record-llm-usage")).settleLlmUsage;
  const f = await import("@/test/factories");
  const { addMember } = await import("@/lib/orgs/add-member");
  const { issueSandboxToken } = await import("@/lib/auth/issue-sandbox-token");
  const { pushOmoiFiles } = await import("@/lib/omoi-files/push-omoi-files");
  const { omoiPushSchema } = await import("@/lib/omoi-files/omoi-file-schemas");

  const owner = await f.createTestUser();
  const member = await f.createTestUser();
  const stranger = await f.createTestUser();
  await addMember({ userId: owner.id, orgId: owner.orgId, input: { email: member.email, role: "member" } });
  for (let i = 0; i < RUNS; i++) newcomers.push((await f.createTestUser()).email);
  createTestUser = f.createTestUser;
  const { createInvitation } = await import("@/lib/invitations/create-invitation");
  for (let i = 0; i <= RUNS; i++) {
    invitationTokens.push((await createInvitation({ userId: owner.id, orgId: owner.orgId, input: { email: `invited-${i}-${Date.now().toString(36)}@example.test` } })).token);
  }
  const project = await f.createTestProject(owner.id, { autoExecuteTickets: false });
  // A spec with tasks and tickets (through the CLI's push, the way files arrive), and a running one with its sandbox.
  const task = (id: string, dependsOn: string[] = []) => ({ id, title: id, description: "Do it.", priority: "LOW" as const, estimateHours: 1, dependsOn, requirementRefs: [], acceptanceCriteria: ["done"] });
  await pushOmoiFiles({
    userId: owner.id,
    projectId: project.id,
    input: omoiPushSchema.parse({
      spec: { key: "greet", title: "Greet", description: "Greet people in their own language." },
      tasks: [task("TSK-001"), task("TSK-002", ["TSK-001"])],
      tickets: [{ id: "TKT-001", title: "One", task: "TSK-001" }, { id: "TKT-002", title: "Two", task: "TSK-002", dependsOn: ["TKT-001"] }],
    }),
  });
  const spec = await db.spec.findFirstOrThrow({ where: { projectId: project.id, sourceKey: "greet" }, include: { tasks: true, tickets: true } });
  const running = await db.spec.create({
    data: { projectId: project.id, userId: owner.id, title: "Running", description: "A spec whose agent is at work", generationStatus: "running", currentPhase: "explore", startedAt: new Date() },
  });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", status: "running", specId: running.id, startPhase: "explore", lastHeartbeatAt: new Date() } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  w = {
    ownerCookie: owner.cookie,
    orgId: owner.orgId,
    memberId: member.id,
    strangerOrgId: stranger.orgId,
    projectId: project.id,
    specId: spec.id,
    runningSpecId: running.id,
    ticketId: spec.tickets[0]!.id,
    otherTicketId: spec.tickets[1]!.id,
    sandboxId: sandbox.id,
    sandboxToken: token,
    specTaskIds: spec.tasks.map((t) => t.id),
  };
}, 120_000);

afterAll(async () => {
  await (await import("@/lib/db/client")).disconnectDb();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
  await fake?.stop();
});

let counter = 0;
const fresh = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A valid body per route (fresh names and ids each time), the starting point of every mutation. */
const SEEDS: Record<string, (params: Record<string, string>) => unknown> = {
  "POST /api/v1/auth/sign-up": () => ({ name: "Fuzz", email: `fuzz-${fresh()}@example.test`, password: "correct horse battery" }),
  "POST /api/v1/orgs": () => ({ name: `Org ${fresh()}` }),
  "POST /api/v1/orgs/[orgId]/invitations": () => ({ email: `invitee-${fresh()}@example.test`, role: "member", expiresInDays: 7 }),
  "POST /api/v1/invitations/github": () => ({ token: "no-such-token" }),
  "POST /api/v1/invitations/accept": () => ({ token: invitationTokens.pop() ?? "no-such-token", name: "Fuzz", password: "correct horse battery" }),
  "PUT /api/v1/me/password": () => ({ currentPassword: "correct horse battery", newPassword: `new password ${fresh()}` }),
  "POST /api/v1/me/github-link": () => undefined,
  "POST /api/v1/orgs/[orgId]/members": () => ({ email: newcomers.pop() ?? `nobody-${fresh()}@example.test`, role: "member" }),
  "PATCH /api/v1/orgs/[orgId]/members/[userId]": () => ({ role: "admin" }),
  "POST /api/v1/projects": () => ({ name: `Project ${fresh()}`, description: "x", defaultBranch: "main", maxConcurrentTasks: 2, wipLimits: { building: 3 } }),
  "PATCH /api/v1/projects/[projectId]": () => ({ description: "Changed", testCommand: "npm test", wipLimits: { testing: 2 }, budgetUsd: 12.5 }),
  "POST /api/v1/projects/[projectId]/omoi-sync": () => ({
    spec: { key: "greet", title: "Greet", description: "Greet people in their own language." },
    tasks: [{ id: "TSK-003", title: "Three", description: "Do it.", priority: "LOW", estimateHours: 1, dependsOn: ["TSK-001"], requirementRefs: [], acceptanceCriteria: ["done"] }],
    tickets: [{ id: `TKT-${100 + (counter++ % 900_000)}`, title: "More", dependsOn: ["TKT-001"] }],
  }),
  "POST /api/v1/api-keys": () => ({ name: `key ${fresh()}`, scopes: ["read"], expiresInDays: 30 }),
  "POST /api/v1/specs": () => ({ projectId: w.projectId, description: "Greet people in French, please", approvalMode: "manual", autoExecute: false }),
  "POST /api/v1/specs/launch": () => ({ projectId: w.projectId, prompt: "Greet people in German, please", autoExecute: false }),
  "POST /api/v1/specs/[specId]/approve": () => ({ gate: "requirements" }),
  "POST /api/v1/specs/[specId]/cancel": () => undefined,
  "POST /api/v1/specs/[specId]/execute": () => undefined,
  "POST /api/v1/specs/[specId]/execute-tasks": () => ({ specTaskIds: w.specTaskIds }),
  "POST /api/v1/specs/[specId]/request-changes": () => ({ phase: "design", feedback: "Use a table of greetings" }),
  "POST /api/v1/specs/[specId]/stop": () => undefined,
  "POST /api/v1/tickets": () => ({ projectId: w.projectId, title: `Ticket ${fresh()}`, description: "Do a thing", priority: "HIGH", workflowMode: "quick" }),
  "PATCH /api/v1/tickets/[ticketId]": () => ({ title: "Renamed", priority: "LOW", assigneeId: w.memberId, isBlocked: false, blockedReason: null }),
  "POST /api/v1/tickets/[ticketId]/run": () => undefined,
  "POST /api/v1/tickets/[ticketId]/cancel": () => undefined,
  "POST /api/v1/tickets/[ticketId]/reopen": () => ({ run: true, reason: "Greet in Italian too" }),
  "POST /api/v1/tickets/[ticketId]/comments": () => ({ path: "src/greet.js", line: 1, side: "new", body: "Is this right?" }),
  "POST /api/v1/tickets/[ticketId]/review": () => ({ action: "request_changes", summary: "Please rename it", comments: [{ path: "src/greet.js", line: 1, body: "here" }] }),
  "POST /api/v1/board/move": () => ({ ticketId: w.ticketId, toStatus: "analyzing", beforeTicketId: null, force: false }),
  "POST /api/v1/sandboxes/[id]/events": () => ({
    events: [
      { type: "agent.message", data: { turn: 1, text: "Looking around" }, clientEventId: `ev-${fresh()}`, occurredAt: new Date().toISOString() },
      { type: "spec.heartbeat", data: {}, clientEventId: `ev-${fresh()}`, occurredAt: new Date().toISOString() },
    ],
  }),
  "PUT /api/v1/sandboxes/[id]/phases/[phase]": ({ phase }) => ({
    attempt: 1, score: 0.9, issues: [], warnings: [], durationMs: 1000,
    output: Object.hasOwn(SAMPLE_OUTPUTS, phase!) ? SAMPLE_OUTPUTS[phase as keyof typeof SAMPLE_OUTPUTS] : SAMPLE_OUTPUTS.explore,
  }),
  "POST /api/v1/llm/v1/messages": () => ({ model: "claude-sonnet-5-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] }),
  "POST /api/v1/llm/v1/messages/count_tokens": () => ({ model: "claude-sonnet-5-5", messages: [{ role: "user", content: "hi" }] }),
};

/** Path parameters that reach the real rows (the running spec's sandbox for callbacks). */
function validParams(routePath: string, pick: number): Record<string, string> {
  const values: Record<string, string> = {
    orgId: w.orgId,
    userId: w.memberId,
    projectId: w.projectId,
    specId: pick % 3 === 0 ? w.runningSpecId : w.specId,
    ticketId: pick % 2 === 0 ? w.ticketId : w.otherTicketId,
    id: w.sandboxId,
    phase: ["explore", "requirements", "design", "tasks", "sync", "complete"][pick % 6]!,
  };
  return Object.fromEntries([...routePath.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, values[name!]!]));
}

/** Values that break assumptions: types, sizes, NUL bytes (PostgreSQL refuses them in text), prototype keys… */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    "", " ", "\u0000", "a\u0000b", "\ud800", "x".repeat(100_001), "🙂".repeat(3000), -1, 0, -0, 1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1,
    1.5, null, true, false, [], {}, [null], "__proto__", "constructor", "../../etc/passwd", "'; DROP TABLE \"Ticket\"; --", "%_%",
    "2026-13-45T99:99:99Z", "NaN", "Infinity", { $gt: "" }, { __proto__: { polluted: true } },
  ),
);

type Mutation =
  | { kind: "seed" }
  | { kind: "set"; at: number; value: unknown }
  | { kind: "drop"; at: number }
  | { kind: "extra"; key: string; value: unknown }
  | { kind: "replace"; value: unknown }
  | { kind: "raw"; text: string }
  | { kind: "contentType"; type: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "seed" as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("extra" as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "id", "userId", "orgId", "status")), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replace" as const), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("{", "{\"a\":", "[1,2", "null", "\"str\"", "{}{}", "\u0000", "{\"__proto__\":{\"x\":1}}")) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("contentType" as const), type: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "") }) },
);

/** Every path to a value inside a body (object keys and array items, any depth). */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return at.length ? [at] : [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [...(at.length ? [at] : []), ...entries.flatMap(([key, inner]) => leafPaths(inner, [...at, key]))];
}

function applyMutation(seed: unknown, m: Mutation): { body?: unknown; raw?: string; contentType?: string } {
  const body = seed === undefined ? {} : structuredClone(seed);
  const paths = leafPaths(body);
  const edit = (at: number, change: (parent: any, key: string | number) => void) => {
    const target = paths[at % Math.max(paths.length, 1)];
    if (!target) return;
    const parent = target.slice(0, -1).reduce<any>((node, key) => node[key], body);
    change(parent, target[target.length - 1]!);
  };
  switch (m.kind) {
    case "seed":
      return { body: seed };
    case "set":
      edit(m.at, (parent, key) => void (parent[key] = m.value));
      return { body };
    case "drop":
      edit(m.at, (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]));
      return { body };
    case "extra":
      Object.defineProperty(body, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      return { body };
    case "replace":
      return { body: m.value };
    case "raw":
      return { raw: m.text };
    case "contentType":
      return { body: seed ?? {}, contentType: m.type };
  }
}

/** A path parameter: a real one mostly; else garbage, an id of another organization's, or an over-long one. */
const paramMangle = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(65), "%00", "..", "cl0000000000000000000000", "null", "undefined") },
  { weight: 1, arbitrary: fc.constant("OTHER_ORG") },
);

/**
 * Row-by-row checksum of every table of ours (the job queue's schema is apart); the statement is built once. The rate
 * limiters' counters are left out: counting a refused request is what they are for.
 */
let snapshotSql: string | undefined;
async function snapshot(): Promise<Record<string, string>> {
  if (!snapshotSql) {
    const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'RateLimit') ORDER BY 1`,
    );
    snapshotSql = tables
      .map(({ table_name: t }) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS sum FROM "${t}" x`)
      .join(" UNION ALL ");
  }
  const rows = await db.$queryRawUnsafe<{ t: string; sum: string }[]>(snapshotSql);
  return Object.fromEntries(rows.map((row) => [row.t, row.sum]));
}

/** The domain's invariants, each a query listing its violations; none may ever be listed. */
const INVARIANTS: Record<string, string> = {
  "every ticket has a task": `SELECT t.key FROM "Ticket" t WHERE NOT EXISTS (SELECT 1 FROM "Task" k WHERE k."ticketId" = t.id)`,
  "ticket numbers are within the project's sequence and keys end in them": `SELECT t.key FROM "Ticket" t JOIN "Project" p ON p.id = t."projectId" WHERE t.number > p."ticketSeq" OR t.number < 1 OR t.key NOT LIKE '%-' || t.number`,
  "a ticket's spec is in its project": `SELECT t.key FROM "Ticket" t JOIN "Spec" s ON s.id = t."specId" WHERE s."projectId" <> t."projectId"`,
  "a ticket's assignee is a member of its project's organization": `SELECT t.key FROM "Ticket" t JOIN "Project" p ON p.id = t."projectId" WHERE t."assigneeId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = p."orgId" AND m."userId" = t."assigneeId")`,
  "a ticket's owner is a member of its project's organization": `SELECT t.key FROM "Ticket" t JOIN "Project" p ON p.id = t."projectId" WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = p."orgId" AND m."userId" = t."userId")`,
  "ticket dependencies stay in one project and never point at themselves": `SELECT d."ticketId" FROM "TicketDependency" d JOIN "Ticket" a ON a.id = d."ticketId" JOIN "Ticket" b ON b.id = d."dependsOnId" WHERE a."projectId" <> b."projectId" OR a.id = b.id`,
  "positions are finite": `SELECT t.key FROM "Ticket" t WHERE t.position = 'NaN'::float8 OR t.position IN ('Infinity'::float8, '-Infinity'::float8)`,
  "every organization has an owner": `SELECT o.slug FROM "Organization" o WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = o.id AND m.role = 'owner')`,
  "every user belongs to an organization": `SELECT u.email FROM "User" u WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u.id)`,
  "a spec's owner is a member of its project's organization": `SELECT s.id FROM "Spec" s JOIN "Project" p ON p.id = s."projectId" WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = p."orgId" AND m."userId" = s."userId")`,
  "spec progress is a percentage": `SELECT s.id FROM "Spec" s WHERE s.progress < 0 OR s.progress > 100`,
  "a passed phase has its artifacts": `SELECT r."specId" || ':' || r.phase FROM "PhaseRun" r WHERE r.status = 'passed' AND (
      (r.phase = 'requirements' AND NOT EXISTS (SELECT 1 FROM "SpecRequirement" q WHERE q."specId" = r."specId"))
   OR (r.phase = 'design' AND NOT EXISTS (SELECT 1 FROM "SpecDesign" d WHERE d."specId" = r."specId"))
   OR (r.phase = 'tasks' AND NOT EXISTS (SELECT 1 FROM "SpecTask" k WHERE k."specId" = r."specId")))`,
  "one passed run per phase": `SELECT r."specId" || ':' || r.phase FROM "PhaseRun" r WHERE r.status = 'passed' GROUP BY r."specId", r.phase HAVING count(*) > 1`,
  "spec task dependencies stay in one spec": `SELECT d."taskId" FROM "SpecTaskDependency" d JOIN "SpecTask" a ON a.id = d."taskId" JOIN "SpecTask" b ON b.id = d."dependsOnId" WHERE a."specId" <> b."specId" OR a.id = b.id`,
  "one ticket per spec task": `SELECT "specTaskId" FROM "Ticket" WHERE "specTaskId" IS NOT NULL GROUP BY "specTaskId" HAVING count(*) > 1`,
  "events of a sandbox are not duplicated": `SELECT "clientEventId" FROM "SandboxEvent" WHERE "clientEventId" IS NOT NULL GROUP BY "sandboxId", "clientEventId" HAVING count(*) > 1`,
  "api keys have scopes": `SELECT id FROM "ApiKey" WHERE cardinality(scopes) = 0 OR NOT scopes <@ ARRAY['read','write']`,
  "wip limits are positive integers": `SELECT p.name FROM "Project" p, jsonb_each(CASE WHEN jsonb_typeof(p."wipLimits"::jsonb) = 'object' THEN p."wipLimits"::jsonb ELSE '{}'::jsonb END) e WHERE jsonb_typeof(e.value) <> 'number' OR (e.value)::text::numeric < 1 OR (e.value)::text::numeric <> floor((e.value)::text::numeric)`,
  "wip limits are an object or nothing": `SELECT p.name FROM "Project" p WHERE p."wipLimits" IS NOT NULL AND jsonb_typeof(p."wipLimits"::jsonb) NOT IN ('object', 'null')`,
  "a running task has a sandbox": `SELECT k.id FROM "Task" k WHERE k.status = 'running' AND k."sandboxId" IS NULL`,
};

async function violations(): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql);
    if (rows.length) found[name] = rows.map((row) => String(Object.values(row)[0]));
  }
  return found;
}

const INTERNALS = /prisma|invalid `|\n\s+at |ECONNREFUSED|violates|constraint|syntax error|undefined is not|cannot read prop/i;

describe("input fuzzing of every POST/PUT/PATCH route", () => {
  it("finds the mutating routes on disk and has a valid seed body for each", () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(24);
    const missing = ROUTES.map((r) => `${r.method} ${r.path}`).filter((key) => !SEEDS[key]);
    expect(missing, "add a seed body for new routes in SEEDS").toEqual([]);
  });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.path}`;
    const isSandbox = route.path.startsWith("/api/v1/sandboxes/") || route.path.startsWith("/api/v1/llm/");
    const isPublic = ["/api/v1/auth/sign-up", "/api/v1/invitations/accept", "/api/v1/invitations/github"].includes(route.path);
    const isModelCall = route.path.startsWith("/api/v1/llm/");
    const paramNames = [...route.path.matchAll(/\[(\w+)\]/g)].map(([, n]) => n!);

    it(`${name}: never a 5xx, never a partial write`, async () => {
      const mod = (await import(route.file)) as Record<string, Parameters<typeof callRoute>[0]>;
      const handler = mod[route.method]!;
      const statuses: Record<number, number> = {};
      const property = fc.asyncProperty(mutation, fc.array(paramMangle, { minLength: paramNames.length, maxLength: paramNames.length }), fc.nat(), async (m, mangles, pick) => {
        const params = validParams(route.path, pick);
        paramNames.forEach((param, i) => {
          const mangle = mangles[i];
          if (mangle === "OTHER_ORG") params[param] = param === "orgId" ? w.strangerOrgId : `${params[param]}x`;
          else if (mangle !== null && mangle !== undefined) params[param] = mangle;
        });
        const { body, raw, contentType } = applyMutation(SEEDS[name]!(params), m);
        const cookie = isSandbox || isPublic ? undefined : ENDS_SESSIONS.has(name) ? (await createTestUser()).cookie : w.ownerCookie;
        // Metering of an earlier model call is written after its answer; let it land so it is not counted as ours.
        if (isModelCall) await settleLlmUsage();
        const before = await snapshot();
        const res = await callRoute(handler, {
          method: route.method,
          path: route.path,
          params,
          body: raw ?? body,
          headers: {
            ...(contentType !== undefined ? { "content-type": contentType } : raw !== undefined ? { "content-type": "application/json" } : {}),
            ...(isSandbox ? { authorization: `Bearer ${w.sandboxToken}` } : {}),
          },
          cookie,
        });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (isModelCall) await settleLlmUsage();
        const what = `${name} ${JSON.stringify(m).slice(0, 300)} params=${JSON.stringify(params)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect(res.status < 500, what).toBe(true);
        if (res.status >= 400) {
          // The model proxy passes the API's own error body through (the SDK in the sandbox reads it).
          const shape = isModelCall && res.body?.type === "error" ? { type: expect.any(String), message: expect.any(String) } : { code: expect.any(String), message: expect.any(String) };
          expect(res.body?.error, what).toMatchObject(shape);
          expect(JSON.stringify(res.body), what).not.toMatch(INTERNALS);
          const after = await snapshot();
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          expect(changed, `a refused request wrote to the database: ${what}`).toEqual([]);
        }
        expect(await violations(), what).toEqual({});
      });
      // The untouched seed with real ids goes first, so every route is also reached with a valid request.
      const valid: [Mutation, (string | null)[], number] = [{ kind: "seed" }, paramNames.map(() => null), 0];
      await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: [valid] });
      // The seeds are valid, so some cases get through validation to the service (else the fuzz stays shallow).
      expect(Object.keys(statuses).some((s) => Number(s) < 300 || Number(s) === 409), `${name} statuses ${JSON.stringify(statuses)}`).toBe(true);
    }, 120_000);
  }
});

// GET routes that parse a query string with a schema and go beyond the database with it (the diff routes run git
// with commit ids and paths): hostile query values — odd numbers, option-looking and glob-looking paths, NUL, huge
// strings — and mangled path parameters, with the same promises as above. The diff is real: a mirror whose delivered
// change has files named like git options and pathspecs, so a path that gets through validation reaches git.
const DIFF_PATHS = ["src/a b é.ts", "-p", "--output=/tmp/omoios-fuzz", ":(glob)**", "*.ts", 'quote"d.txt'];
const QUERY_SEEDS: Record<string, () => Record<string, string>> = {
  "GET /api/v1/tickets/[ticketId]/diff": () => ({ offset: "0", limit: "20", path: DIFF_PATHS[counter++ % DIFF_PATHS.length]! }),
  "GET /api/v1/specs/[specId]/diff": () => ({ offset: "1", limit: "5", path: DIFF_PATHS[counter++ % DIFF_PATHS.length]! }),
};

const oddQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer().map(String),
  fc.constantFrom("", " ", "-1", "0", "1.5", "1e9", "101", "100001", "NaN", "Infinity", "0x10", "\u0000", "a\u0000b", "x".repeat(5000), "%", "..", "../../etc/passwd", ...DIFF_PATHS),
);
type QueryMutation = { kind: "seed" } | { kind: "set"; key: string; value: string } | { kind: "drop"; key: string } | { kind: "extra"; key: string; value: string };
const queryMutation: fc.Arbitrary<QueryMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "seed" as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), key: fc.constantFrom("offset", "limit", "path"), value: oddQueryValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), key: fc.constantFrom("offset", "limit", "path") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("extra" as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "base", "head", "gitDir")), value: oddQueryValue }) },
);

describe("query fuzzing of GET routes that take a query to git", () => {
  let tmp: string;
  beforeAll(async () => {
    const os = await import("node:os");
    const { createScratchRepo } = await import("@/test/fixtures/scratch-repo");
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-fuzz-diff-"));
    process.env.OMOIOS_DATA_DIR = path.join(tmp, "data");
    (await import("@/lib/env")).reloadEnv();
    const gitDir = await (await import("@/lib/repos/ensure-mirror")).ensureMirror(w.projectId);
    const repo = createScratchRepo(path.join(tmp, "scratch"));
    const base = repo.commit({ "README.md": "# Fuzz\n" }, "base");
    const head = repo.commit(Object.fromEntries(DIFF_PATHS.map((name) => [name, `${name}\n`])), "hostile names");
    repo.push(gitDir, head, "refs/heads/fuzz");
    for (const ticketId of [w.ticketId, w.otherTicketId]) await db.task.updateMany({ where: { ticketId }, data: { baseSha: base, deliveredSha: head } });
    await db.spec.update({ where: { id: w.specId }, data: { branch: "omoi/fuzz/spec-1", branchBaseCommit: base, branchHead: head } });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("has a seed query for each route, and each route is on disk", () => {
    for (const name of Object.keys(QUERY_SEEDS)) {
      const routePath = name.split(" ")[1]!;
      expect(fs.existsSync(path.resolve(`app${routePath}/route.ts`)), name).toBe(true);
    }
  });

  for (const name of Object.keys(QUERY_SEEDS)) {
    const routePath = name.split(" ")[1]!;
    const paramNames = [...routePath.matchAll(/\[(\w+)\]/g)].map(([, n]) => n!);

    it(`${name}: never a 5xx, never a write, never git's own words`, async () => {
      const mod = (await import(path.resolve(`app${routePath}/route.ts`))) as Record<string, Parameters<typeof callRoute>[0]>;
      const statuses: Record<number, number> = {};
      const property = fc.asyncProperty(queryMutation, fc.array(paramMangle, { minLength: paramNames.length, maxLength: paramNames.length }), fc.nat(), async (m, mangles, pick) => {
        const params = validParams(routePath, pick);
        paramNames.forEach((param, i) => {
          const mangle = mangles[i];
          if (mangle === "OTHER_ORG") params[param] = `${params[param]}x`;
          else if (mangle !== null && mangle !== undefined) params[param] = mangle;
        });
        const query = QUERY_SEEDS[name]!();
        if (m.kind === "set" || m.kind === "extra") query[m.key] = m.value;
        if (m.kind === "drop") delete query[m.key];
        const before = await snapshot();
        const res = await callRoute(mod.GET!, { path: `${routePath}?${new URLSearchParams(query)}`, params, cookie: w.ownerCookie });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${name} ${JSON.stringify(m).slice(0, 300)} params=${JSON.stringify(params)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect(res.status < 500, what).toBe(true);
        if (res.status >= 400) {
          expect(res.body?.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(JSON.stringify(res.body), what).not.toMatch(/fatal:|usage: git|pathspec|\bgit (diff|log)\b/i);
          expect(JSON.stringify(res.body), what).not.toMatch(INTERNALS);
          expect(await snapshot(), `a refused request wrote to the database: ${what}`).toEqual(before);
        }
      });
      const valid: [QueryMutation, (string | null)[], number] = [{ kind: "seed" }, paramNames.map(() => null), 1];
      await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: [valid] });
      expect(statuses[200] ?? 0, `${name} statuses ${JSON.stringify(statuses)}`).toBeGreaterThan(0);
      expect(fs.existsSync("/tmp/omoios-fuzz"), "a path reached git as an option").toBe(false);
    }, 120_000);
  }
});
