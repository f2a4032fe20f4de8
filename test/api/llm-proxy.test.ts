import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as countTokensPost } from "@/app/api/v1/llm/v1/messages/count_tokens/route";
import { POST as proxyPost } from "@/app/api/v1/llm/v1/messages/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { settleLlmUsage } from "@/lib/llm/record-llm-usage";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { revokeSandboxToken } from "@/lib/sandbox/revoke-sandbox-token";
import { startFakeAnthropic, type FakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { createTestProject, createTestUser } from "@/test/factories";

const SERVER_KEY = "sk-ant-server-secret-key-0000";
let fake: FakeAnthropic;

/** The real SDK, as a sandbox would use it, with its HTTP calls delivered straight to the route handler. */
function sandboxClient(token: string, phase = "requirements") {
  return new Anthropic({
    apiKey: token,
    baseURL: "http://localhost:3000/api/v1/llm",
    maxRetries: 0,
    defaultHeaders: { "x-omoi-phase": phase },
    fetch: (async (url: string | URL | Request, init?: RequestInit) =>
      (String(url).includes("/count_tokens") ? countTokensPost : proxyPost)(new Request(url, init), { params: Promise.resolve({}) })) as typeof fetch,
  });
}

async function specSandbox(options: { budgetUsd?: number } = {}) {
  const user = await createTestUser();
  const project = await createTestProject(user.id);
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: user.id, title: "t", description: "d", budgetUsd: options.budgetUsd },
  });
  await db.phaseRun.create({ data: { specId: spec.id, phase: "requirements", attempt: 1 } });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  return { spec, sandbox, token };
}

beforeAll(async () => {
  fake = await startFakeAnthropic({ expectedApiKey: SERVER_KEY });
  // Before anything reads the environment (lib/env parses it once per test file). The budgets and the allowlist
  // are the defaults a fresh server has.
  process.env.ANTHROPIC_API_KEY = SERVER_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  process.env.LLM_COUNT_TOKENS_PER_MINUTE = "3";
  for (const name of ["LLM_ALLOWED_MODELS", "LLM_MAX_TOKENS", "LLM_ALLOWED_BETAS", "SPEC_BUDGET_USD", "TASK_BUDGET_USD", "ORG_DAILY_BUDGET_USD"]) delete process.env[name];
  reloadEnv();
});
afterAll(() => fake.stop());

describe("LLM proxy", () => {
  it("streams SSE through unchanged, with the server's key, and records tokens and cost on spec and phase", async () => {
    const { spec, sandbox, token } = await specSandbox();
    fake.setScript([
      {
        content: [{ type: "text", text: "Here are the requirements." }, { type: "tool_use", name: "submit", input: { ok: true } }],
        usage: { input_tokens: 1200, output_tokens: 300, cache_read_input_tokens: 5000, cache_creation_input_tokens: 800 },
      },
    ]);
    const message = await sandboxClient(token)
      .messages.stream({ model: "claude-sonnet-5-5", max_tokens: 1024, messages: [{ role: "user", content: "Write them" }] })
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: "text", text: "Here are the requirements." });
    expect(message.content[1]).toMatchObject({ type: "tool_use", name: "submit", input: { ok: true } });

    const upstream = fake.messageRequests().at(-1)!;
    expect(upstream.apiKey).toBe(SERVER_KEY);
    expect(JSON.stringify(upstream.headers)).not.toContain(token);

    await settleLlmUsage(); // metering is written once the response has gone out
    const usage = await db.llmUsage.findFirstOrThrow({ where: { sandboxId: sandbox.id } });
    expect(usage).toMatchObject({ phase: "requirements", inputTokens: 1200, outputTokens: 300, cacheReadTokens: 5000, cacheWriteTokens: 800 });
    // claude-sonnet-5-5: $2 in, $10 out, $0.10 cache read, $2.50 cache write per million
    const expected = (1200 * 2 + 300 * 10 + 5000 * 0.1 + 800 * 2.5) / 1e6;
    expect(Number(usage.costUsd)).toBeCloseTo(expected, 6);
    const after = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(after).toMatchObject({ tokensIn: 1200, tokensOut: 300, cacheReadTokens: 5000 });
    expect(Number(after.costUsd)).toBeCloseTo(expected, 6);
    const phaseRun = await db.phaseRun.findFirstOrThrow({ where: { specId: spec.id } });
    expect(Number(phaseRun.costUsd)).toBeCloseTo(expected, 6);
  });

  it("meters non-streaming calls too", async () => {
    const { spec, token } = await specSandbox();
    fake.setScript([{ content: [{ type: "text", text: "ok" }], usage: { input_tokens: 10, output_tokens: 5 } }]);
    const message = await sandboxClient(token).messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.content[0]).toMatchObject({ text: "ok" });
    await settleLlmUsage();
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).tokensOut).toBe(5);
  });

  it("passes upstream errors through so the SDK sees the real status", async () => {
    const { token } = await specSandbox();
    fake.setScript([{ error: 529 }]);
    const call = sandboxClient(token).messages.create({ model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    await expect(call).rejects.toMatchObject({ status: 529 });
  });

  it("refuses calls once the spec's budget is spent", async () => {
    const { spec, token } = await specSandbox({ budgetUsd: 0.01 });
    await db.spec.update({ where: { id: spec.id }, data: { costUsd: 0.0101 } });
    const before = fake.messageRequests().length;
    const call = sandboxClient(token).messages.create({ model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    await expect(call).rejects.toMatchObject({ status: 402 });
    expect(fake.messageRequests().length).toBe(before);
  });

  it("refuses calls once a task's own budget (executionConfig.budgetUsd) is spent, and allows them before", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `P-${Date.now()}`, number: 1, title: "t" } });
    const task = await db.task.create({ data: { ticketId: ticket.id, executionConfig: { budgetUsd: 0.5 }, costUsd: 0.1 } });
    const sandbox = await db.sandbox.create({ data: { purpose: "task", taskId: task.id, status: "running" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    const request = { model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user" as const, content: "x" }] };
    fake.setScript([{ content: [{ type: "text", text: "ok" }] }]);
    await expect(sandboxClient(token).messages.create(request)).resolves.toMatchObject({ content: [{ text: "ok" }] });
    await db.task.update({ where: { id: task.id }, data: { costUsd: 0.5 } });
    await expect(sandboxClient(token).messages.create(request)).rejects.toMatchObject({ status: 402 });
  });

  it("refuses an integration sandbox's token: code under test that lifts it gets no model, and nothing goes upstream", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `I-${Date.now()}`, number: 1, title: "t" } });
    const task = await db.task.create({ data: { ticketId: ticket.id } });
    const sandbox = await db.sandbox.create({ data: { purpose: "integration", taskId: task.id, status: "running" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    const before = fake.messageRequests().length;
    const call = sandboxClient(token).messages.create({ model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    await expect(call).rejects.toMatchObject({ status: 403 });
    expect(fake.messageRequests().length).toBe(before);
  });

  it("answers 401 without a valid sandbox token (none, an API key, a revoked one)", async () => {
    const body = JSON.stringify({ model: "m", max_tokens: 1, messages: [] });
    const call = (headers: Record<string, string>) =>
      proxyPost(new Request("http://localhost/api/v1/llm/v1/messages", { method: "POST", headers, body }), { params: Promise.resolve({}) });
    expect((await call({})).status).toBe(401);
    expect((await call({ "x-api-key": "omoi_user_api_key_not_a_sandbox" })).status).toBe(401);
    expect((await call({ authorization: `Bearer ${SERVER_KEY}` })).status).toBe(401);
    const { sandbox, token } = await specSandbox();
    await revokeSandboxToken({ sandboxId: sandbox.id });
    expect((await call({ "x-api-key": token })).status).toBe(401);
    const expiring = await specSandbox();
    await db.sandbox.update({ where: { id: expiring.sandbox.id }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
    expect((await call({ "x-api-key": expiring.token })).status).toBe(401);
  });

  it("lets the server decide the model: another model is refused naming the allowed ones, and nothing goes upstream", async () => {
    const { token } = await specSandbox();
    const before = fake.requests.length;
    // Retired on 2026-11-30 (and the SDK would warn about it): not served unless the operator says so.
    const retired = await rawCall(token, { model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(retired).toMatchObject({ status: 403, body: { error: { code: "model_not_allowed" } } });
    const unknown = sandboxClient(token).messages.create({ model: "claude-opus-4-1", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    await expect(unknown).rejects.toMatchObject({ status: 403, error: { error: { code: "model_not_allowed" } } });
    const answer = await rawCall(token, { model: "claude-opus-4-1", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain("claude-sonnet-5-5");
    expect(answer.body.error.details.allowed).toContain("claude-sonnet-5-5");
    expect(answer.body.error.details.allowed).not.toContain("claude-sonnet-4-5");
    // A dated spelling of an allowed model is that model.
    fake.setScript([{ content: [{ type: "text", text: "ok" }] }]);
    await expect(
      sandboxClient(token).messages.create({ model: "claude-haiku-4-5-20251001", max_tokens: 10, messages: [{ role: "user", content: "x" }] }),
    ).resolves.toMatchObject({ content: [{ text: "ok" }] });
    expect(fake.requests.slice(before).map((r) => r.body.model)).toEqual(["claude-haiku-4-5-20251001"]);
  });

  it("refuses an oversized max_tokens, an unknown anthropic-beta and server tools before anything goes upstream", async () => {
    const { token } = await specSandbox();
    const before = fake.requests.length;
    const request = { model: "claude-sonnet-5-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] };

    const oversized = await rawCall(token, { ...request, max_tokens: 64_000 });
    expect(oversized.status).toBe(422);
    expect(oversized.body.error.message).toContain("above this server's limit of 32000");
    expect(oversized.body.error.details.fields.max_tokens).toBeDefined();

    const beta = await rawCall(token, request, { "anthropic-beta": "mcp-client-2025-04-04" });
    expect(beta.status).toBe(403);
    expect(beta.body.error).toMatchObject({ code: "beta_not_allowed", message: expect.stringContaining("mcp-client-2025-04-04") });

    const searching = await rawCall(token, { ...request, tools: [{ type: "web_search_20250305", name: "web_search" }] });
    expect(searching.status).toBe(403);
    expect(searching.body.error.code).toBe("tool_not_allowed");

    expect((await rawCall(token, "not json" as never)).status).toBe(422);
    expect(fake.requests.length).toBe(before);
  });

  it("meters count_tokens (a usage row, no cost, no totals) and limits it per sandbox", async () => {
    // Three calls within one clock minute: start early in a minute.
    if (new Date().getSeconds() > 50) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
    const { spec, sandbox, token } = await specSandbox();
    const count = () => sandboxClient(token).messages.countTokens({ model: "claude-sonnet-5-5", messages: [{ role: "user", content: "how many tokens is this?" }] });
    for (let i = 0; i < 3; i++) expect((await count()).input_tokens).toBeGreaterThan(0);
    await expect(count()).rejects.toMatchObject({ status: 429 });
    await expect(
      sandboxClient(token).messages.countTokens({ model: "claude-opus-4-1", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 403 });

    await settleLlmUsage();
    const rows = await db.llmUsage.findMany({ where: { sandboxId: sandbox.id } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ endpoint: "messages/count_tokens", model: "claude-sonnet-5-5", outputTokens: 0, phase: "requirements" });
      expect(row.inputTokens).toBeGreaterThan(0);
      expect(Number(row.costUsd)).toBe(0);
    }
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ tokensIn: 0 });
  });

  it("applies the server's default budgets when neither the spec, the task nor the project has one", async () => {
    const request = { model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user" as const, content: "x" }] };
    const { spec, token } = await specSandbox();
    await db.spec.update({ where: { id: spec.id }, data: { costUsd: 5 } }); // SPEC_BUDGET_USD defaults to $5
    const refused = await rawCall(token, request);
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("default budget of $5.00 per spec (SPEC_BUDGET_USD") });
    // The project's own budget replaces the default.
    await db.project.update({ where: { id: spec.projectId }, data: { budgetUsd: 10 } });
    fake.setScript([{ content: [{ type: "text", text: "ok" }] }]);
    expect((await rawCall(token, request)).status).toBe(200);

    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `P-${Date.now()}`, number: 1, title: "t" } });
    const task = await db.task.create({ data: { ticketId: ticket.id, costUsd: 5.5 } });
    const sandbox = await db.sandbox.create({ data: { purpose: "task", taskId: task.id, status: "running" } });
    const taskToken = (await issueSandboxToken({ sandboxId: sandbox.id })).token;
    const taskRefused = await rawCall(taskToken, request);
    expect(taskRefused.status).toBe(402);
    expect(taskRefused.body.error.message).toContain("per task (TASK_BUDGET_USD");
  });

  it("stops an organization's calls at its daily cap, counting every project's spend of the UTC day", async () => {
    const { spec, token } = await specSandbox();
    const { orgId } = await db.project.findUniqueOrThrow({ where: { id: spec.projectId } });
    fake.setScript([{ content: [{ type: "text", text: "ok" }], usage: { input_tokens: 1_000_000, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } }]);
    const request = { model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user" as const, content: "x" }] };
    expect((await rawCall(token, request)).status).toBe(200);
    await settleLlmUsage();
    const today = await db.orgDailyUsage.findFirstOrThrow({ where: { orgId } });
    expect(today).toMatchObject({ calls: 1 });
    expect(Number(today.costUsd)).toBeCloseTo(1, 6); // a million input tokens of Haiku 4.5

    // Another project of the same organization has spent the rest of the day's $50.
    await db.orgDailyUsage.update({ where: { orgId_day: { orgId, day: today.day } }, data: { costUsd: 50 } });
    const before = fake.requests.length;
    const refused = await rawCall(token, request);
    expect(refused.status).toBe(402);
    expect(refused.body.error.message).toContain("organization's daily budget of $50.00 (ORG_DAILY_BUDGET_USD)");
    expect(fake.requests.length).toBe(before);
    // Yesterday's spend does not count.
    await db.orgDailyUsage.update({ where: { orgId_day: { orgId, day: today.day } }, data: { day: new Date(today.day.getTime() - 86_400_000) } });
    fake.setScript([{ content: [{ type: "text", text: "ok" }] }]);
    expect((await rawCall(token, request)).status).toBe(200);
  });

  it("refuses a token whose sandbox has ended, even before its expiry", async () => {
    const { sandbox, token } = await specSandbox();
    await db.sandbox.update({ where: { id: sandbox.id }, data: { status: "stopped", endedAt: new Date() } });
    const before = fake.requests.length;
    expect((await rawCall(token, { model: "claude-haiku-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] })).status).toBe(401);
    expect(fake.requests.length).toBe(before);
  });
});

/** A proxy call with a hand-made body and headers, answered as status and parsed body. */
async function rawCall(token: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await proxyPost(
    new Request("http://localhost/api/v1/llm/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": token, "x-omoi-phase": "requirements", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
