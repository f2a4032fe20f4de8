import type { ResponseUsage } from "@/lib/agent/usage";

export const emptyUsage = (): ResponseUsage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
});

/** Later reports override earlier ones field by field (message_delta carries cumulative counts). */
export function mergeUsage(into: ResponseUsage, usage: Partial<ResponseUsage> | undefined | null): ResponseUsage {
  if (!usage) return into;
  for (const key of ["input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"] as const) {
    if (typeof usage[key] === "number") into[key] = usage[key];
  }
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
      const event = JSON.parse(dataLine.slice(5)) as {
        type?: string;
        message?: { model?: string; usage?: Partial<ResponseUsage> };
        usage?: Partial<ResponseUsage>;
      };
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
