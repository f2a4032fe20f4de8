import Anthropic, { APIError, AuthenticationError } from "@anthropic-ai/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";

const MODEL = "claude-sonnet-5-5";
let fake: FakeAnthropic | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function client(options: { maxRetries?: number; apiKey?: string } = {}) {
  return new Anthropic({
    apiKey: options.apiKey ?? "sk-test-key",
    baseURL: fake!.url,
    maxRetries: options.maxRetries ?? 0,
    logLevel: "off", // the malformed-stream case would otherwise print the SDK's parse complaint
  });
}

describe("fake Anthropic server with the real SDK", () => {
  it("answers a non-streaming request with a complete Message and records the request", async () => {
    fake = await startFakeAnthropic({
      script: [{ content: [{ type: "text", text: "Hello there" }], usage: { input_tokens: 12, output_tokens: 3 } }],
    });
    const message = await client().messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(message.content).toEqual([{ type: "text", text: "Hello there", citations: null }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 0 });
    const [request] = fake.requests;
    expect(request?.apiKey).toBe("sk-test-key");
    expect(request?.headers.authorization).toBe("Bearer sk-test-key");
    expect(request?.body.messages).toEqual([{ role: "user", content: "Hi" }]);
    expect(request?.stream).toBe(false);
  });

  it("streams text and a tool_use whose input arrives in several JSON chunks; finalMessage() assembles it", async () => {
    const input = { path: "src/app.ts", start_line: 3, note: "ünïcode \"quotes\" and \\ slashes" };
    fake = await startFakeAnthropic({
      script: [
        {
          content: [
            { type: "text", text: "Let me read that file." },
            { type: "tool_use", id: "toolu_1", name: "read_file", input },
          ],
        },
      ],
    });
    const stream = client().messages.stream({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: "user", content: "Read src/app.ts" }],
      tools: [{ name: "read_file", input_schema: { type: "object", properties: { path: { type: "string" } } } }],
    });
    const jsonChunks: string[] = [];
    const events: string[] = [];
    stream.on("inputJson", (partial) => jsonChunks.push(partial));
    stream.on("streamEvent", (event) => events.push(event.type));
    const message = await stream.finalMessage();

    expect(message.stop_reason).toBe("tool_use");
    expect(message.content[0]).toMatchObject({ type: "text", text: "Let me read that file." });
    expect(message.content[1]).toMatchObject({ type: "tool_use", id: "toolu_1", name: "read_file", input });
    expect(jsonChunks.filter((chunk) => chunk !== "").length).toBeGreaterThan(1);
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
    expect(events).toContain("message_delta");
    expect(fake.requests[0]?.stream).toBe(true);
    // message_delta carries the final usage; the assembled message must agree with what the fake reported.
    expect(message.usage.output_tokens).toBe(fake.requests[0]?.usage?.output_tokens);
  });

  it("answers 529 with Anthropic's error body, and the SDK's own retry then succeeds", async () => {
    fake = await startFakeAnthropic({
      script: [{ error: 529, retryAfter: 0.001 }, { content: [{ type: "text", text: "ok" }] }],
    });
    const message = await client({ maxRetries: 2 }).messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(message.content[0]).toMatchObject({ text: "ok" });
    expect(fake.requests.map((request) => request.status)).toEqual([529, 200]);
  });

  it("gives the SDK a typed error with the API's type and message when no retries are left", async () => {
    fake = await startFakeAnthropic({ script: [{ error: 529 }] });
    const error = await client()
      .messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "Hi" }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(529);
    expect((error as APIError).type).toBe("overloaded_error");
    expect((error as APIError).apiMessage).toBe("Overloaded");
  });

  it("makes a malformed body an SDK error, streaming or not", async () => {
    fake = await startFakeAnthropic({ script: [{ malformed: true }, { malformed: true }] });
    const params = { model: MODEL, max_tokens: 10, messages: [{ role: "user" as const, content: "Hi" }] };

    await expect(client().messages.create(params)).rejects.toThrow(SyntaxError);
    await expect(client().messages.stream(params).finalMessage()).rejects.toBeInstanceOf(Anthropic.AnthropicError);
  });

  it("drops the connection mid-stream", async () => {
    fake = await startFakeAnthropic({ script: [{ drop: true, content: [{ type: "text", text: "never finished" }] }] });
    const stream = client().messages.stream({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "Hi" }] });

    await expect(stream.finalMessage()).rejects.toThrow();
  });

  it("answers 401 when the key does not match, and accepts x-api-key as well as Bearer", async () => {
    fake = await startFakeAnthropic({
      expectedApiKey: "right-key",
      script: [{ content: [{ type: "text", text: "ok" }] }],
    });
    const params = { model: MODEL, max_tokens: 10, messages: [{ role: "user" as const, content: "Hi" }] };

    await expect(client({ apiKey: "wrong-key" }).messages.create(params)).rejects.toBeInstanceOf(AuthenticationError);
    const viaHeader = new Anthropic({
      authToken: null,
      apiKey: null,
      baseURL: fake.url,
      maxRetries: 0,
      defaultHeaders: { "x-api-key": "right-key" },
    });
    await expect(viaHeader.messages.create(params)).resolves.toMatchObject({ type: "message" });
    expect(fake.requests.map((request) => [request.apiKey, request.status])).toEqual([
      ["wrong-key", 401],
      ["right-key", 200],
    ]);
  });

  it("counts tokens and refuses requests the real API would refuse", async () => {
    fake = await startFakeAnthropic({ script: [] });
    const counted = await client().messages.countTokens({
      model: MODEL,
      messages: [{ role: "user", content: "a".repeat(400) }],
    });
    expect(counted.input_tokens).toBeGreaterThanOrEqual(100);

    const unpaired = client().messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_x", name: "t", input: {} }] },
        { role: "user", content: "no result" },
      ],
    });
    await expect(unpaired).rejects.toMatchObject({ status: 400, type: "invalid_request_error" });
  });

  it("simulates prompt caching: a second request with the same marked prefix reads it from cache", async () => {
    fake = await startFakeAnthropic({
      script: [{ content: [{ type: "text", text: "one" }] }, { content: [{ type: "text", text: "two" }] }],
    });
    const system = [{ type: "text" as const, text: "You are terse. ".repeat(200), cache_control: { type: "ephemeral" as const } }];
    const first = await client().messages.create({ model: MODEL, max_tokens: 10, system, messages: [{ role: "user", content: "Hi" }] });
    const second = await client().messages.create({ model: MODEL, max_tokens: 10, system, messages: [{ role: "user", content: "Again" }] });

    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(500);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });

  it("lets a script function choose replies from the request", async () => {
    fake = await startFakeAnthropic({
      script: (request, index) => ({ content: [{ type: "text", text: `#${index}: ${request.body.messages.length}` }] }),
    });
    const first = await client().messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(first.content[0]).toMatchObject({ text: "#0: 1" });
    fake.setScript([{ content: [{ type: "text", text: "replaced" }] }]);
    const second = await client().messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] });
    expect(second.content[0]).toMatchObject({ text: "replaced" });
  });
});
