import type Anthropic from "@anthropic-ai/sdk";

export const TRUNCATED_NOTE = "[truncated to save context]";

/**
 * Keeps the conversation under `maxChars` by replacing the contents of the oldest tool results with a short note.
 * Works in place. Once over the cap it trims down to 80% of it: each trim changes an early message and so
 * invalidates the prompt cache from there on, and trimming with headroom makes that happen rarely, not every
 * turn. The latest message (the results the model has not seen yet) is never trimmed. Returns how many results
 * were replaced.
 */
export function compactContext(messages: Anthropic.MessageParam[], maxChars: number): number {
  let size = conversationSize(messages);
  if (size <= maxChars) return 0;
  const target = Math.floor(maxChars * 0.8);
  let replaced = 0;
  for (const message of messages.slice(0, -1)) {
    if (size <= target) break;
    if (message.role !== "user" || typeof message.content === "string") continue;
    for (const block of message.content) {
      if (size <= target) break;
      if (block.type !== "tool_result") continue;
      const length = contentSize(block.content);
      if (length <= TRUNCATED_NOTE.length) continue;
      block.content = TRUNCATED_NOTE;
      size -= length - TRUNCATED_NOTE.length;
      replaced++;
    }
  }
  return replaced;
}

/** Characters of everything the model reads in the messages (a proxy for tokens, about 4 characters each). */
export function conversationSize(messages: Anthropic.MessageParam[]): number {
  let size = 0;
  for (const message of messages) {
    if (typeof message.content === "string") {
      size += message.content.length;
      continue;
    }
    for (const block of message.content) {
      if (block.type === "text") size += block.text.length;
      else if (block.type === "tool_use") size += JSON.stringify(block.input ?? {}).length;
      else if (block.type === "tool_result") size += contentSize(block.content);
      else if (block.type === "thinking") size += block.thinking.length;
      else size += JSON.stringify(block).length;
    }
  }
  return size;
}

function contentSize(content: Anthropic.ToolResultBlockParam["content"]): number {
  if (content === undefined) return 0;
  if (typeof content === "string") return content.length;
  return content.reduce((sum, part) => sum + (part.type === "text" ? part.text.length : JSON.stringify(part).length), 0);
}
