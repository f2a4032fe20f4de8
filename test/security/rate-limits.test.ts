import crypto from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as proxyPost } from "@/app/api/v1/llm/v1/messages/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { createHttpEventReporter } from "@/lib/events/event-reporter";
import { errorBodySchema } from "@/lib/http/errors";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import nextConfig from "@/next.config";
import { startTestAppServer, type TestAppServer } from "@/test/app-server";
import { callRoute } from "@/test/call-route";
import { startFakeAnthropic, type FakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";

// Low limits for this file: three requests per one-second window. The clock is faked (Date only: the limiter reads
// Date.now() for its windows, while sockets and the clients' own waits keep real timers), so windows pass in no real
// time. The counts live in PostgreSQL; test/security/shared-limits.test.ts shows they hold across processes.
const LIMITS = {
  API_KEY_RATE_LIMIT_PER_MINUTE: "180",
  API_KEY_RATE_LIMIT_BURST: "3",
  SANDBOX_RATE_LIMIT_PER_MINUTE: "180",
  SANDBOX_RATE_LIMIT_BURST: "3",
};
const SERVER_KEY = "sk-ant-rate-limit-test-server-key";
const saved: Record<string, string | undefined> = {};
let fake: FakeAnthropic;
let app: TestAppServer;

beforeAll(async () => {
  fake = await startFakeAnthropic({
    expectedApiKey: SERVER_KEY,
    script: () => ({ content: [{ type: "text", text: "ok" }], usage: { input_tokens: 3, output_tokens: 1 } }),
  });
  const env = { ...LIMITS, ANTHROPIC_API_KEY: SERVER_KEY, ANTHROPIC_BASE_URL: fake.url };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  reloadEnv();
  app = await startTestAppServer();
});
afterAll(async () => {
  await app.close();
  await fake.stop();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
});
beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"] }));
afterEach(() => void vi.useRealTimers());

/** Moves the limiter's clock on (real time does not move it: Date is frozen). */
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

async function specSandbox() {
  const user = await createTestUser();
  const project = await createTestProject(user.id);
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" },
  });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running", startPhase: "explore" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  return { user, spec, sandbox, token };
}

const event = (turn: number) => ({ type: "agent.message", data: { turn, text: `m${turn}` }, clientEventId: crypto.randomUUID(), occurredAt: new Date().toISOString() });

/** POST …/events over HTTP to the natively served route (what agents call). */
const postEvents = (sandboxId: string, token: string, turn = 0) =>
  fetch(`${app.url}/api/v1/sandboxes/${sandboxId}/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ events: [event(turn)] }),
  });

/** The real SDK, as a sandbox uses it, through the native model-call path. */
const sdk = (token: string, options: { maxRetries?: number; fetch?: typeof fetch } = {}) =>
  new Anthropic({ apiKey: token, baseURL: `${app.url}/api/v1/llm`, maxRetries: options.maxRetries ?? 0, fetch: options.fetch, logLevel: "off" });
const ask = (client: Anthropic) => client.messages.create({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] });

async function expectRateLimited(response: { status: number; headers: Headers; body: unknown }, who: RegExp) {
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("1");
  const body = errorBodySchema.parse(response.body);
  expect(body.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(who) });
}

describe("API-key rate limit", () => {
  it("answers 429 with Retry-After past the burst, leaves other keys alone, and lets the key in again in the next window", async () => {
    const user = await createTestUser();
    const { key } = await createTestApiKey(user.id);
    const { key: otherKey } = await createTestApiKey(user.id);

    for (let i = 0; i < 3; i++) expect((await callRoute(me, { apiKey: key })).status).toBe(200);
    await expectRateLimited(await callRoute(me, { apiKey: key }), /API key/);
    expect((await callRoute(me, { apiKey: otherKey })).status).toBe(200);

    advance(1_000); // the next window: the burst again
    for (let i = 0; i < 3; i++) expect((await callRoute(me, { apiKey: key })).status).toBe(200);
    expect((await callRoute(me, { apiKey: key })).status).toBe(429);

    advance(60_000); // a long quiet spell gives one window, never more than the burst
    for (let i = 0; i < 3; i++) expect((await callRoute(me, { apiKey: key })).status).toBe(200);
    expect((await callRoute(me, { apiKey: key })).status).toBe(429);
  });

  it("does not limit browser sessions", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 10; i++) expect((await callRoute(me, { cookie: user.cookie })).status).toBe(200);
  });

  it("is off with a limit of 0", async () => {
    process.env.API_KEY_RATE_LIMIT_PER_MINUTE = "0";
    reloadEnv();
    try {
      const user = await createTestUser();
      const { key } = await createTestApiKey(user.id);
      for (let i = 0; i < 10; i++) expect((await callRoute(me, { apiKey: key })).status).toBe(200);
    } finally {
      process.env.API_KEY_RATE_LIMIT_PER_MINUTE = LIMITS.API_KEY_RATE_LIMIT_PER_MINUTE;
      reloadEnv();
    }
  });
});

describe("sandbox rate limit", () => {
  it("covers the callbacks and the model calls of a sandbox with one count, per sandbox, with Retry-After", async () => {
    const { sandbox, token } = await specSandbox();
    const other = await specSandbox();

    for (let i = 0; i < 3; i++) expect((await postEvents(sandbox.id, token, i)).status).toBe(200);
    const limited = await postEvents(sandbox.id, token, 3);
    await expectRateLimited({ status: limited.status, headers: limited.headers, body: await limited.json() }, /sandbox/);
    expect(await db.sandboxEvent.count({ where: { sandboxId: sandbox.id } })).toBe(3);

    // The same count: its context and its model calls are refused too, before anything reaches the model API.
    const context = await fetch(`${app.url}/api/v1/sandboxes/${sandbox.id}/context`, { headers: { authorization: `Bearer ${token}` } });
    expect(context.status).toBe(429);
    const upstreamCalls = fake.messageRequests().length;
    const refused = await ask(sdk(token)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    expect((refused as InstanceType<typeof Anthropic.RateLimitError>).headers.get("retry-after")).toBe("1");
    expect((refused as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ error: { code: "rate_limited" } });
    // The Next route (next dev, tests) answers the same.
    const viaNext = await proxyPost(
      new Request("http://localhost/api/v1/llm/v1/messages", { method: "POST", headers: { "x-api-key": token }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    await expectRateLimited({ status: viaNext.status, headers: viaNext.headers, body: await viaNext.json() }, /sandbox/);
    expect(fake.messageRequests().length).toBe(upstreamCalls);

    // Another sandbox is not affected.
    expect((await postEvents(other.sandbox.id, other.token)).status).toBe(200);
    await expect(ask(sdk(other.token))).resolves.toMatchObject({ content: [{ text: "ok" }] });

    advance(1_000);
    expect((await postEvents(sandbox.id, token, 4)).status).toBe(200);
  });

  it("model calls alone exhaust it too", async () => {
    const { sandbox, token } = await specSandbox();
    for (let i = 0; i < 3; i++) await expect(ask(sdk(token))).resolves.toMatchObject({ content: [{ text: "ok" }] });
    await expect(ask(sdk(token))).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    expect((await postEvents(sandbox.id, token)).status).toBe(429);
  });

  it("the agent's clients wait and retry: the event reporter keeps its events, the SDK honours Retry-After", async () => {
    const { sandbox, token } = await specSandbox();
    let limitedAnswers = 0;
    // The network, except that a 429 moves the limiter's clock on by the Retry-After it carries (while the client
    // waits its own real backoff), as time would.
    const clockedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (response.status === 429) {
        limitedAnswers++;
        advance(Number(response.headers.get("retry-after")) * 1_000);
      }
      return response;
    }) as typeof fetch;

    const reporter = createHttpEventReporter({ apiUrl: app.url, sandboxId: sandbox.id, token, maxBatch: 1, fetch: clockedFetch });
    for (let turn = 0; turn < 6; turn++) reporter.emit("agent.message", { turn, text: `m${turn}` });
    await reporter.close();
    expect(limitedAnswers).toBeGreaterThan(0);
    const stored = await db.sandboxEvent.findMany({ where: { sandboxId: sandbox.id }, orderBy: { seq: "asc" }, select: { data: true } });
    expect(stored.map((row) => (row.data as { turn: number }).turn)).toEqual([0, 1, 2, 3, 4, 5]);

    // The window is used up again now; the SDK's retry waits the Retry-After (1 s) and gets through.
    limitedAnswers = 0;
    await expect(ask(sdk(token, { maxRetries: 2, fetch: clockedFetch }))).resolves.toMatchObject({ content: [{ text: "ok" }] });
    expect(limitedAnswers).toBe(1);
  });
});

describe("security headers on natively served responses", () => {
  const expectSecurityHeaders = (headers: Headers) => {
    for (const { key, value } of SECURITY_HEADERS) expect(headers.get(key), key).toBe(value);
  };

  it("are next.config.ts's own, and the hot routes and the model-call path send them on answers and errors", async () => {
    expect(await nextConfig.headers!()).toEqual([{ source: "/:path*", headers: [...SECURITY_HEADERS] }]);
    const { sandbox, token } = await specSandbox();
    const ok = await postEvents(sandbox.id, token);
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers);
    await ok.arrayBuffer();
    const unauthorized = await fetch(`${app.url}/api/v1/sandboxes/${sandbox.id}/context`);
    expect(unauthorized.status).toBe(401);
    expectSecurityHeaders(unauthorized.headers);

    const model = await fetch(`${app.url}/api/v1/llm/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": token, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(model.status).toBe(200);
    expectSecurityHeaders(model.headers);
    await model.arrayBuffer();
    const modelRefused = await fetch(`${app.url}/api/v1/llm/v1/messages`, { method: "POST", body: "{}" });
    expect(modelRefused.status).toBe(401);
    expectSecurityHeaders(modelRefused.headers);
    const wrongMethod = await fetch(`${app.url}/api/v1/llm/v1/messages`);
    expect(wrongMethod.status).toBe(405);
    expectSecurityHeaders(wrongMethod.headers);
  });
});
