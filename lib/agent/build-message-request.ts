import type Anthropic from "@anthropic-ai/sdk";

const EPHEMERAL: Anthropic.CacheControlEphemeral = { type: "ephemeral" };

export interface MessageRequestParts {
  model: string;
  system: string;
  tools: Anthropic.Tool[];
  messages: Anthropic.MessageParam[];
  maxTokens: number;
}

/**
 * One turn's request, with three prompt-cache breakpoints (the API allows four): the system prompt, the last tool
 * definition, and the last block of the latest user message. The prompt is cached in the order tools → system →
 * messages, so the first two cover the fixed preamble and the third lets the next turn read the whole conversation
 * so far from cache. Only the latest user message is marked; the history array itself is left unmarked, so earlier
 * markers do not pile up past the limit.
 */
export function buildMessageRequest(parts: MessageRequestParts): Anthropic.MessageCreateParamsNonStreaming {
  const tools = parts.tools.map((tool, i) => (i === parts.tools.length - 1 ? { ...tool, cache_control: EPHEMERAL } : tool));
  const lastUser = parts.messages.findLastIndex((message) => message.role === "user");
  const messages = parts.messages.map((message, i) => {
    if (i !== lastUser) return message;
    const blocks: Anthropic.ContentBlockParam[] =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : [...message.content];
    const last = blocks.at(-1);
    if (last) blocks[blocks.length - 1] = { ...last, cache_control: EPHEMERAL } as Anthropic.ContentBlockParam;
    return { ...message, content: blocks } as Anthropic.MessageParam;
  });
  return {
    model: parts.model,
    max_tokens: parts.maxTokens,
    system: [{ type: "text", text: parts.system, cache_control: EPHEMERAL }],
    tools,
    messages,
  };
}
