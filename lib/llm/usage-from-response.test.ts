import { describe, expect, it } from "vitest";
import { createSseUsageCollector, usageFromMessageBody } from "@/lib/llm/usage-from-response";

const sse = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const big = "y".repeat(5000);
const stream =
  sse("message_start", {
    type: "message_start",
    message: { model: "claude-x", usage: { input_tokens: 120, output_tokens: 1, cache_read_input_tokens: 900, cache_creation_input_tokens: 30 } },
  }) +
  sse("ping", { type: "ping" }) +
  sse("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: `${big}\n\nmessage_delta inside text` } }) +
  sse("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 345 } }) +
  sse("message_stop", { type: "message_stop" });

describe("SSE usage collector", () => {
  it.each([1, 2, 7, 64, 1000, stream.length])("reads usage and model however the stream is cut (%i-byte chunks)", (size) => {
    const collector = createSseUsageCollector();
    const bytes = Buffer.from(stream);
    for (let i = 0; i < bytes.length; i += size) collector.push(bytes.subarray(i, i + size));
    collector.end();
    expect(collector.model).toBe("claude-x");
    expect(collector.usage).toEqual({
      input_tokens: 120,
      output_tokens: 345,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 30,
    });
  });
});

describe("usage of Anthropic-compatible endpoints", () => {
  const collect = (text: string) => {
    const collector = createSseUsageCollector();
    collector.push(Buffer.from(text));
    collector.end();
    return collector;
  };

  it("reads a non-streaming answer without cache fields, or without usage at all, as zeros where absent", () => {
    const withoutCache = usageFromMessageBody(Buffer.from(JSON.stringify({ model: "qwen3-coder:30b", usage: { input_tokens: 12, output_tokens: 3 } })));
    expect(withoutCache).toEqual({ model: "qwen3-coder:30b", usage: { input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } });
    const withoutUsage = usageFromMessageBody(Buffer.from(JSON.stringify({ type: "message", content: [] })));
    expect(withoutUsage).toEqual({ model: undefined, usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } });
    const nulls = usageFromMessageBody(Buffer.from(JSON.stringify({ model: 7, usage: { input_tokens: 5, output_tokens: null, cache_read_input_tokens: null } })));
    expect(nulls?.usage).toEqual({ input_tokens: 5, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(nulls?.model).toBeUndefined();
    expect(usageFromMessageBody(Buffer.from("null"))).toBeUndefined();
    expect(usageFromMessageBody(Buffer.from("not json"))).toBeUndefined();
  });

  it("reads an SSE stream whose message_start has no usage", () => {
    const collector = collect(
      sse("message_start", { type: "message_start", message: { model: "qwen3-coder:30b" } }) +
        sse("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { input_tokens: 40, output_tokens: 9 } }) +
        sse("message_stop", { type: "message_stop" }),
    );
    expect(collector.model).toBe("qwen3-coder:30b");
    expect(collector.usage).toEqual({ input_tokens: 40, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it("reads an SSE stream with usage only in message_delta, and one with none anywhere", () => {
    const onlyDelta = collect(
      sse("message_start", { type: "message_start", message: { model: "m", usage: null } }) +
        sse("message_delta", { type: "message_delta", delta: {}, usage: { output_tokens: 21 } }),
    );
    expect(onlyDelta.usage).toEqual({ input_tokens: 0, output_tokens: 21, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    const none = collect(`data: null\n\n` + sse("message_start", { type: "message_start", message: null }) + sse("message_delta", { type: "message_delta" }));
    expect(none.model).toBeUndefined();
    expect(none.usage).toEqual({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });
});
