import type Anthropic from "@anthropic-ai/sdk";

/**
 * The assistant's reply as request content for the next turn. Thinking blocks go back exactly as received (the
 * API checks their signatures); text citations are dropped, since they matter only for display.
 */
export function toContentParams(content: Anthropic.ContentBlock[]): Anthropic.ContentBlockParam[] {
  const params = content.flatMap((block): Anthropic.ContentBlockParam[] => {
    switch (block.type) {
      case "text":
        return block.text ? [{ type: "text", text: block.text }] : [];
      case "tool_use":
        return [{ type: "tool_use", id: block.id, name: block.name, input: block.input }];
      case "thinking":
        return [{ type: "thinking", thinking: block.thinking, signature: block.signature }];
      case "redacted_thinking":
        return [{ type: "redacted_thinking", data: block.data }];
      default:
        return [block as unknown as Anthropic.ContentBlockParam];
    }
  });
  // The API refuses an assistant message without content in the middle of a conversation.
  return params.length > 0 ? params : [{ type: "text", text: "(no reply)" }];
}
