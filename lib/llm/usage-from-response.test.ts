import { describe, expect, it } from "vitest";
import { createSseUsageCollector } from "@/lib/llm/usage-from-response";

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
