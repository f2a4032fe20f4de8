import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as specEventsRoute from "@/app/api/v1/specs/[specId]/events/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { withAuth } from "@/lib/routes/with-auth";
import { serveNativeRoute } from "@/lib/http/node-adapter";
import { log } from "@/lib/log";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";

// Agents report whatever they saw, and errors carry whatever their cause printed: neither may carry a secret out
// of the server — not into the events table (nor the state derived from events), not into a log line, not into an
// error answer.

const hex = () => crypto.randomBytes(12).toString("hex");
/** The server's own secrets, in no recognizable shape: only the "known values" rule can catch them. */
const SERVER = {
  ANTHROPIC_API_KEY: `server-anthropic-${hex()}`,
  GITHUB_TOKEN: `server-github-token-${hex()}`,
  GITHUB_SECRET: `server-oauth-secret-${hex()}`,
  DAYTONA_API_KEY: `server-daytona-${hex()}`,
};
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [name, value] of Object.entries(SERVER)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  reloadEnv();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
});

async function specSandbox() {
  const user = await createTestUser();
  const project = await createTestProject(user.id);
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: user.id, title: "Idea", description: "An idea", generationStatus: "running" },
  });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running", startPhase: "explore" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  return { user, spec, sandbox, token };
}

/** Every secret an agent could come across, by name, with the database URL (and its password on its own). */
async function secretsFor(token: string, userId: string) {
  const { key: apiKey } = await createTestApiKey(userId);
  const databaseUrl = process.env.DATABASE_URL!;
  return {
    sandboxToken: token,
    apiKey,
    anthropic: SERVER.ANTHROPIC_API_KEY,
    nextauth: process.env.NEXTAUTH_SECRET!,
    githubEnv: SERVER.GITHUB_TOKEN,
    githubOauth: SERVER.GITHUB_SECRET,
    daytona: SERVER.DAYTONA_API_KEY,
    githubPat: `ghp_${crypto.randomBytes(18).toString("hex")}`,
    databaseUrl,
    databasePassword: decodeURIComponent(new URL(databaseUrl).password),
  };
}

const event = (type: string, data: unknown) => ({ type, data, clientEventId: crypto.randomUUID(), occurredAt: new Date().toISOString() });

function expectNoSecret(text: string, secrets: Record<string, string>, where: string) {
  for (const [name, value] of Object.entries(secrets)) {
    // The whole database URL is not a secret as such; its password is, and that is checked on its own.
    if (name === "databaseUrl") continue;
    expect(text.includes(value), `${where} contains ${name}`).toBe(false);
  }
}

describe("secrets in what agents report", () => {
  it("are scrubbed before the batch is stored: rows, the events API and the spec state hold none, the rest is intact", async () => {
    const { user, spec, sandbox, token } = await specSandbox();
    const s = await secretsFor(token, user.id);
    const dump = [
      `OMOIOS_SANDBOX_TOKEN=${s.sandboxToken}`,
      `ANTHROPIC_API_KEY=${s.anthropic}`,
      `NEXTAUTH_SECRET=${s.nextauth}`,
      `GITHUB_TOKEN=${s.githubEnv} GITHUB_SECRET=${s.githubOauth} DAYTONA_API_KEY=${s.daytona}`,
      `DATABASE_URL=${s.databaseUrl}`,
      `PGPASSWORD=${s.databasePassword}`,
    ].join("\n");
    const batch = {
      events: [
        event("agent.message", { turn: 0, text: `I ran env and saw:\n${dump}\nNothing else of note.` }),
        event("agent.tool_use", { turn: 1, toolUseId: "tu_1", tool: "run_command", summary: `curl -H "Authorization: Bearer ${s.apiKey}" /api/v1/me` }),
        event("agent.error", { turn: 2, message: `git push failed: https://x-access-token:${s.githubPat}@github.com/o/r.git`, retrying: true }),
        event("spec.phase_started", { phase: "explore", attempt: 1 }),
        event("spec.eval_result", {
          phase: "explore",
          attempt: 1,
          score: 0.2,
          passed: false,
          subScores: { schema: 0.2 },
          issues: [`key file leaks ${s.anthropic}`],
          warnings: [`token ${s.sandboxToken} in README`],
        }),
        event("spec.execution_failed", { reason: `could not connect with ${s.databaseUrl}`, phase: "explore" }),
      ],
    };
    const res = await callRoute(sandboxEventsRoute.POST, { method: "POST", params: { id: sandbox.id }, headers: { authorization: `Bearer ${token}` }, body: batch });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(6);

    const rows = await db.sandboxEvent.findMany({ where: { sandboxId: sandbox.id }, orderBy: { seq: "asc" }, select: { type: true, data: true } });
    expect(rows).toHaveLength(6);
    expectNoSecret(JSON.stringify(rows), s, "stored rows");
    // Only the secrets went: the words around them, and the shape of what they were, stay readable.
    const message = (rows[0]!.data as { text: string }).text;
    expect(message).toBe(
      [
        "I ran env and saw:",
        "OMOIOS_SANDBOX_TOKEN=[redacted]",
        "ANTHROPIC_API_KEY=[redacted]",
        "NEXTAUTH_SECRET=[redacted]",
        "GITHUB_TOKEN=[redacted] GITHUB_SECRET=[redacted] DAYTONA_API_KEY=[redacted]",
        `DATABASE_URL=${s.databaseUrl.replace(new URL(s.databaseUrl).password, "[redacted]")}`,
        "PGPASSWORD=[redacted]",
        "Nothing else of note.",
      ].join("\n"),
    );
    expect(rows[1]!.data).toMatchObject({ summary: 'curl -H "Authorization: Bearer [redacted]" /api/v1/me', tool: "run_command" });
    expect(rows[2]!.data).toMatchObject({ message: "git push failed: https://x-access-token:[redacted]@github.com/o/r.git", retrying: true });

    for (const read of [
      await callRoute(specEventsRoute.GET, { params: { specId: spec.id }, cookie: user.cookie }),
      await callRoute(sandboxEventsRoute.GET, { params: { id: sandbox.id }, cookie: user.cookie }),
    ]) {
      expect(read.status).toBe(200);
      expect(read.body.events).toHaveLength(6);
      expectNoSecret(JSON.stringify(read.body), s, "the events API");
    }

    // What the events drove: the phase run's issues and the spec's failure reason.
    const run = await db.phaseRun.findFirstOrThrow({ where: { specId: spec.id, phase: "explore" } });
    expect(run.issues).toEqual(["key file leaks [redacted]"]);
    expectNoSecret(JSON.stringify(run), s, "the phase run");
    const failed = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(failed.generationStatus).toBe("failed");
    expect(failed.lastError).toContain("could not connect with postgresql://");
    expectNoSecret(JSON.stringify(failed), s, "the spec");
  });

  it("echoes none of a refused batch's secrets in the 400 or 422 answer", async () => {
    const { user, sandbox, token } = await specSandbox();
    const s = await secretsFor(token, user.id);
    const post = (body: unknown) =>
      callRoute(sandboxEventsRoute.POST, { method: "POST", params: { id: sandbox.id }, headers: { authorization: `Bearer ${token}` }, body });
    const invalid = await post({ events: [event(s.anthropic, { turn: 0, text: s.nextauth }), event("agent.message", { turn: s.apiKey, text: s.githubPat })] });
    expect(invalid.status).toBe(422);
    expectNoSecret(JSON.stringify(invalid.body), s, "a 422");
    const malformed = await post(`{"events": [${JSON.stringify(s.databasePassword)} ${s.anthropic}`);
    expect(malformed.status).toBe(400);
    expectNoSecret(JSON.stringify(malformed.body), s, "a 400");
    expect(await db.sandboxEvent.count({ where: { sandboxId: sandbox.id } })).toBe(0);
  });
});

describe("secrets in log lines and error answers", () => {
  let lines: string[] = [];
  const previousLevel = process.env.OMOIOS_LOG_LEVEL;

  function captureStderr() {
    lines = [];
    process.env.OMOIOS_LOG_LEVEL = "debug";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.OMOIOS_LOG_LEVEL = previousLevel;
  });

  it("never writes a secret, in the message or in fields however nested, and keeps the rest of the line", async () => {
    const { user, token } = await specSandbox();
    const s = await secretsFor(token, user.id);
    captureStderr();
    log.info(`calling upstream with ${s.anthropic} and ${s.apiKey}`, { sandboxId: "sbx-1" });
    log.warn("spawn failed", {
      env: { OMOIOS_SANDBOX_TOKEN: s.sandboxToken, list: [`DATABASE_URL=${s.databaseUrl}`, { deeper: [`ghp: ${s.githubPat}`] }] },
      headers: { authorization: `Bearer ${s.apiKey}`, "x-other": `nextauth ${s.nextauth}` },
      command: `git clone https://x:${s.githubEnv}@github.com/o/r && daytona --key ${s.daytona} && ${s.githubOauth}`,
    });
    log.error("unhandled error", { error: new Error(`connect ${s.databaseUrl} failed`, { cause: new Error(`pw ${s.databasePassword}`) }) });
    log.debug(`password is ${s.databasePassword}`);

    expect(lines.length).toBeGreaterThanOrEqual(4);
    const out = lines.join("");
    expectNoSecret(out, s, "the log");
    expect(out).toContain("calling upstream with [redacted] and [redacted]");
    expect(out).toContain('"sandboxId":"sbx-1"');
    expect(out).toContain("spawn failed");
    expect(out).toContain("git clone https://x:[redacted]@github.com/o/r");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("answers an unexpected error with a bare 500 (no message, no stack), and logs it scrubbed", async () => {
    const { user, token } = await specSandbox();
    const s = await secretsFor(token, user.id);
    const failing = withAuth(async () => {
      throw new Error(`connect ECONNREFUSED ${s.databaseUrl} (key ${s.anthropic}, token ${s.sandboxToken})`);
    });
    captureStderr();
    const res = await callRoute(failing, { cookie: user.cookie });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal", message: "Something went wrong", requestId: expect.any(String) } });
    expect(res.headers.get("x-request-id")).toBe(res.body.error.requestId);
    expectNoSecret(JSON.stringify(res.body), s, "the 500 answer");
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|postgres|\bat\s/);

    // The log line says what happened, under the same request id, without the secrets.
    const logged = lines.map((line) => JSON.parse(line) as { message: string; requestId: string; error: { message: string } });
    const entry = logged.find((line) => line.message === "unhandled error")!;
    expect(entry.requestId).toBe(res.body.error.requestId);
    expect(entry.error.message).toContain("connect ECONNREFUSED postgresql://");
    expectNoSecret(lines.join(""), s, "the log");
  });

  it("does the same on a natively served route (the node adapter), with the security headers", async () => {
    const { user, token } = await specSandbox();
    const s = await secretsFor(token, user.id);
    const routeModule = { GET: withAuth(async () => Promise.reject(new Error(`boom ${s.anthropic}`))) };
    const server = http.createServer((req, res) => void serveNativeRoute([{ pattern: /^\/boom$/, keys: [], module: routeModule }], req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      captureStderr();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`, { headers: { cookie: user.cookie } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong", requestId: expect.any(String) } });
      expectNoSecret(text, s, "the native 500");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expectNoSecret(lines.join(""), s, "the log");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
