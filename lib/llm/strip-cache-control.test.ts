import { describe, expect, it } from "vitest";
import { stripCacheControl } from "@/lib/llm/strip-cache-control";

describe("stripCacheControl", () => {
  it("removes cache_control from system, message content and tools, keeping everything else", () => {
    const request = {
      model: "qwen3-coder:30b",
      max_tokens: 10,
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "cache_control is a word here", cache_control: { type: "ephemeral", ttl: "5m" } }] },
        { role: "assistant", content: "plain" },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "r", cache_control: { type: "ephemeral" } }] }] },
      ],
      tools: [{ name: "read", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
    };
    const stripped = JSON.parse(stripCacheControl(Buffer.from(JSON.stringify(request))).toString("utf8"));
    expect(JSON.stringify(stripped)).not.toContain('"cache_control"');
    expect(stripped.messages[0].content[0].text).toBe("cache_control is a word here");
    expect(stripped.messages[2].content[0].content[0]).toEqual({ type: "text", text: "r" });
    expect(stripped.tools[0]).toEqual({ name: "read", input_schema: { type: "object" } });
    expect(stripped.model).toBe("qwen3-coder:30b");
  });

  it("leaves bodies without cache_control, or that are not JSON, byte for byte", () => {
    const plain = Buffer.from('{"model":"m",  "messages":[]}');
    expect(stripCacheControl(plain)).toBe(plain);
    const broken = Buffer.from("cache_control {");
    expect(stripCacheControl(broken)).toBe(broken);
  });
});
