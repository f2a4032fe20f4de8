import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as proxyPost } from "@/app/api/v1/llm/v1/messages/route";
import { db } from "@/lib/db/client";
import { settleLlmUsage } from "@/lib/llm/record-llm-usage";
import { issueSandboxToken } from "@/lib/sandbox/issue-sandbox-token";
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
      proxyPost(new Request(url, init), { params: Promise.resolve({}) })) as typeof fetch,
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
  // Before anything reads the environment (lib/env parses it once per test file).
  process.env.ANTHROPIC_API_KEY = SERVER_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
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
      .messages.stream({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "Write them" }] })
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: "text", text: "Here are the requirements." });
    expect(message.content[1]).toMatchObject({ type: "tool_use", name: "submit", input: { ok: true } });

    const upstream = fake.messageRequests().at(-1)!;
    expect(upstream.apiKey).toBe(SERVER_KEY);
    expect(JSON.stringify(upstream.headers)).not.toContain(token);

    await settleLlmUsage(); // metering is written once the response has gone out
    const usage = await db.llmUsage.findFirstOrThrow({ where: { sandboxId: sandbox.id } });
    expect(usage).toMatchObject({ phase: "requirements", inputTokens: 1200, outputTokens: 300, cacheReadTokens: 5000, cacheWriteTokens: 800 });
    // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million
    const expected = (1200 * 3 + 300 * 15 + 5000 * 0.3 + 800 * 3.75) / 1e6;
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
});
