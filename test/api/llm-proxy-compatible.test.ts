import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as countTokensPost } from "@/app/api/v1/llm/v1/messages/count_tokens/route";
import { POST as proxyPost } from "@/app/api/v1/llm/v1/messages/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { settleLlmUsage } from "@/lib/llm/record-llm-usage";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { createTestProject, createTestUser } from "@/test/factories";

const MODEL = "qwen3-coder:30b";
const TOKEN_LIMIT = 100;

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * An Ollama-style Anthropic-compatible endpoint: it refuses prompt caching with a 400, has no count_tokens, reports
 * usage without the cache fields, or no usage at all when told to.
 */
function startOllamaLike() {
  const seen: Seen[] = [];
  let omitUsage = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.url?.endsWith("/count_tokens")) return void res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
      if (body.includes("cache_control")) {
        return void res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "unknown field cache_control" } }));
      }
      const message: Record<string, unknown> = {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: MODEL,
        content: [{ type: "text", text: "ok" }],
        stop_reason: "end_turn",
      };
      if (!omitUsage) message.usage = { input_tokens: 30, output_tokens: 20 };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(message));
    });
  });
  return {
    seen,
    omitUsageOnce: () => (omitUsage = true),
    resetUsage: () => (omitUsage = false),
    listen: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const endpoint = startOllamaLike();

async function taskSandbox() {
  const user = await createTestUser();
  const project = await createTestProject(user.id);
  const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `P-${Date.now()}`, number: 1, title: "t" } });
  const task = await db.task.create({ data: { ticketId: ticket.id } });
  const sandbox = await db.sandbox.create({ data: { purpose: "task", taskId: task.id, status: "running" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  return { task, sandbox, token };
}

/** A proxy call as a sandbox makes it, answered as status, headers and parsed body. */
async function call(token: string, body: unknown, options: { countTokens?: boolean; headers?: Record<string, string> } = {}) {
  const handler = options.countTokens ? countTokensPost : proxyPost;
  const path = options.countTokens ? "messages/count_tokens" : "messages";
  const response = await handler(
    new Request(`http://localhost/api/v1/llm/v1/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": token, ...options.headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  const text = await response.text();
  // An endpoint's own 404 is plain text ("404 page not found"), passed through as it came.
  const json = (response.headers.get("content-type") ?? "").includes("json");
  return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
}

const cachedRequest = {
  model: MODEL,
  max_tokens: 100,
  system: [{ type: "text", text: "You write code.", cache_control: { type: "ephemeral" } }],
  messages: [{ role: "user", content: [{ type: "text", text: "hello", cache_control: { type: "ephemeral" } }] }],
  tools: [{ name: "read", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
};

function useProfile(profile: "anthropic" | "compatible") {
  process.env.LLM_ENDPOINT_PROFILE = profile;
  reloadEnv();
}

beforeAll(async () => {
  process.env.ANTHROPIC_API_KEY = "sk-local-not-checked";
  process.env.ANTHROPIC_BASE_URL = await endpoint.listen();
  process.env.LLM_ALLOWED_MODELS = MODEL;
  process.env.LLM_ALLOWED_BETAS = "context-1m-2025-08-07";
  process.env.LLM_UNPRICED_MAX_TOKENS_PER_TASK = String(TOKEN_LIMIT);
  process.env.LLM_COUNT_TOKENS_PER_MINUTE = "0";
  for (const name of ["LLM_MAX_TOKENS", "SPEC_BUDGET_USD", "TASK_BUDGET_USD", "ORG_DAILY_BUDGET_USD"]) delete process.env[name];
  useProfile("compatible");
});
afterAll(async () => {
  delete process.env.LLM_ENDPOINT_PROFILE;
  reloadEnv();
  await endpoint.stop();
});

describe("LLM proxy with an Anthropic-compatible endpoint (LLM_ENDPOINT_PROFILE=compatible)", () => {
  it("strips cache_control and anthropic-beta, and records an unpriced model's tokens at $0", async () => {
    const { task, sandbox, token } = await taskSandbox();
    const answer = await call(token, cachedRequest, { headers: { "anthropic-beta": "context-1m-2025-08-07" } });
    expect(answer.status).toBe(200);
    expect(answer.body.content[0].text).toBe("ok");
    const forwarded = endpoint.seen.at(-1)!;
    expect(forwarded.body).not.toContain("cache_control");
    expect(forwarded.headers["anthropic-beta"]).toBeUndefined();
    expect(JSON.parse(forwarded.body)).toMatchObject({ model: MODEL, system: [{ type: "text", text: "You write code." }] });

    await settleLlmUsage();
    const row = await db.llmUsage.findFirstOrThrow({ where: { sandboxId: sandbox.id } });
    expect(row).toMatchObject({ model: MODEL, unpriced: true, inputTokens: 30, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(Number(row.costUsd)).toBe(0);
    expect(Number((await db.task.findUniqueOrThrow({ where: { id: task.id } })).costUsd)).toBe(0);
  });

  it("records an answer without any usage as zero tokens, without failing the call", async () => {
    const { sandbox, token } = await taskSandbox();
    endpoint.omitUsageOnce();
    try {
      expect((await call(token, { model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] })).status).toBe(200);
    } finally {
      endpoint.resetUsage();
    }
    await settleLlmUsage();
    const row = await db.llmUsage.findFirstOrThrow({ where: { sandboxId: sandbox.id } });
    expect(row).toMatchObject({ model: MODEL, unpriced: true, inputTokens: 0, outputTokens: 0 });
  });

  it("answers count_tokens with a marked estimate when the endpoint has none, metered like a counted one", async () => {
    const { sandbox, token } = await taskSandbox();
    const request = { model: MODEL, messages: [{ role: "user", content: "how many tokens is this sentence?" }] };
    const answer = await call(token, request, { countTokens: true });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-omoi-estimated")).toBe("true");
    expect(answer.body).toEqual({ input_tokens: Math.ceil(JSON.stringify(request).length / 4) });
    expect(endpoint.seen.at(-1)!.path).toBe("/v1/messages/count_tokens");

    await settleLlmUsage();
    const row = await db.llmUsage.findFirstOrThrow({ where: { sandboxId: sandbox.id } });
    expect(row).toMatchObject({ endpoint: "messages/count_tokens", model: MODEL, inputTokens: answer.body.input_tokens, outputTokens: 0 });
    expect(Number(row.costUsd)).toBe(0);
  });

  it("refuses a task's calls once its unpriced tokens reach LLM_UNPRICED_MAX_TOKENS_PER_TASK", async () => {
    const { token } = await taskSandbox();
    const request = { model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] };
    // 50 tokens a call: the second reaches the limit of 100, so the third is refused before it goes anywhere.
    for (let i = 0; i < 2; i++) {
      expect((await call(token, request)).status).toBe(200);
      await settleLlmUsage();
    }
    const before = endpoint.seen.length;
    const refused = await call(token, request);
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("LLM_UNPRICED_MAX_TOKENS_PER_TASK") });
    expect(endpoint.seen.length).toBe(before);
    // Another task has its own allowance.
    expect((await call((await taskSandbox()).token, request)).status).toBe(200);
  });

  it("limits a spec's unpriced tokens the same way", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d" } });
    const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    await db.llmUsage.create({ data: { specId: spec.id, model: MODEL, inputTokens: TOKEN_LIMIT, unpriced: true } });
    const refused = await call(token, { model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(refused.status).toBe(402);
    expect(refused.body.error.message).toContain("The spec has used 100 tokens");
  });

  it("still refuses a model that is not on the allowlist", async () => {
    const { token } = await taskSandbox();
    const before = endpoint.seen.length;
    const refused = await call(token, { model: "llama3.3:70b", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("model_not_allowed");
    expect(endpoint.seen.length).toBe(before);
  });

  it("strips nothing with the default anthropic profile: cache_control and anthropic-beta reach the endpoint unchanged", async () => {
    useProfile("anthropic");
    try {
      const { token } = await taskSandbox();
      const answer = await call(token, cachedRequest, { headers: { "anthropic-beta": "context-1m-2025-08-07" } });
      expect(answer.status).toBe(400); // this endpoint refuses caching; the real API would not
      const forwarded = endpoint.seen.at(-1)!;
      expect(JSON.parse(forwarded.body)).toEqual(cachedRequest);
      expect(forwarded.headers["anthropic-beta"]).toBe("context-1m-2025-08-07");
      // Nor is count_tokens estimated: the endpoint's 404 is the answer.
      const counted = await call(token, { model: MODEL, messages: [{ role: "user", content: "x" }] }, { countTokens: true });
      expect(counted.status).toBe(404);
      expect(counted.headers.get("x-omoi-estimated")).toBeNull();
    } finally {
      useProfile("compatible");
    }
  });
});
