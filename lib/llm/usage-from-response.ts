/** Token counts of one model call, as the proxy meters them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

export const emptyUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

/** Later reports override earlier ones field by field (message_delta carries cumulative counts). */
export function mergeUsage(into: TokenUsage, usage: AnthropicUsage | undefined | null): TokenUsage {
  if (!usage) return into;
  if (typeof usage.input_tokens === "number") into.inputTokens = usage.input_tokens;
  if (typeof usage.output_tokens === "number") into.outputTokens = usage.output_tokens;
  if (typeof usage.cache_read_input_tokens === "number") into.cacheReadTokens = usage.cache_read_input_tokens;
  if (typeof usage.cache_creation_input_tokens === "number") into.cacheWriteTokens = usage.cache_creation_input_tokens;
  return into;
}

/**
 * Watches an SSE stream passing through and collects usage from message_start and message_delta. Only those two
 * (small, rare) events are JSON-parsed, so the many content deltas cost a substring test each.
 */
export function createSseUsageCollector() {
  const usage = emptyUsage();
  const decoder = new TextDecoder();
  let pending = "";
  let model: string | undefined;

  const handleEvent = (block: string) => {
    if (!block.includes("message_start") && !block.includes("message_delta")) return;
    const dataLine = block.split("\n").find((line) => line.startsWith("data:"));
    if (!dataLine) return;
    try {
      const event = JSON.parse(dataLine.slice(5)) as { type?: string; message?: { model?: string; usage?: AnthropicUsage }; usage?: AnthropicUsage };
      if (event.type === "message_start") {
        model = event.message?.model ?? model;
        mergeUsage(usage, event.message?.usage);
      } else if (event.type === "message_delta") {
        mergeUsage(usage, event.usage);
      }
    } catch {
      // not ours to judge: the stream goes through unchanged either way
    }
  };

  return {
    usage,
    get model() {
      return model;
    },
    push(chunk: Uint8Array) {
      pending += decoder.decode(chunk, { stream: true });
      let index: number;
      while ((index = pending.indexOf("\n\n")) >= 0) {
        handleEvent(pending.slice(0, index));
        pending = pending.slice(index + 2);
      }
    },
    end() {
      if (pending.trim()) handleEvent(pending);
      pending = "";
    },
  };
}
