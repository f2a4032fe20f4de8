import type { ResponseUsage } from "@/lib/core/usage";

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
 * Model and usage of a non-streaming Messages answer. Compatible endpoints may leave out the cache fields or `usage`
 * altogether: what is absent counts as zero. Undefined only when the body is not a JSON object (the caller then
 * leaves the answer for the SDK to report).
 */
export function usageFromMessageBody(body: Buffer): { model?: string; usage: ResponseUsage } | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!message || typeof message !== "object") return undefined;
  const { model, usage } = message as { model?: unknown; usage?: unknown };
  return {
    model: typeof model === "string" ? model : undefined,
    usage: mergeUsage(emptyUsage(), usage && typeof usage === "object" ? (usage as Partial<ResponseUsage>) : undefined),
  };
}

const BOUNDARY = 0x0a; // "\n"; events end with a blank line
/** Enough of an event's start to see its type, in "event: …" or in the data's `"type":"…"`. */
const HEAD_BYTES = 64;

/**
 * Watches an SSE stream passing through and collects usage from message_start and message_delta. Works on bytes:
 * only those two (small, rare) events are kept, decoded and parsed; the content deltas, which are nearly all of
 * the stream, are only scanned for the blank line that ends them.
 */
export function createSseUsageCollector() {
  const usage = emptyUsage();
  let model: string | undefined;
  let parts: Buffer[] = []; // the current event, while it may be one we want
  let size = 0;
  let decision: "keep" | "skip" | undefined;
  let lastWasNewline = false;

  const handleEvent = (block: string) => {
    const dataLine = block.split("\n").find((line) => line.startsWith("data:"));
    if (!dataLine) return;
    try {
      const event = JSON.parse(dataLine.slice(5)) as {
        type?: string;
        message?: { model?: string; usage?: Partial<ResponseUsage> | null } | null;
        usage?: Partial<ResponseUsage> | null;
      } | null;
      if (!event) return;
      if (event.type === "message_start") {
        if (typeof event.message?.model === "string") model = event.message.model;
        mergeUsage(usage, event.message?.usage);
      } else if (event.type === "message_delta") {
        mergeUsage(usage, event.usage);
      }
    } catch {
      // not ours to judge: the stream goes through unchanged either way
    }
  };

  const decide = (final: boolean) => {
    if (decision || (size < HEAD_BYTES && !final)) return;
    const head = Buffer.concat(parts).subarray(0, HEAD_BYTES).toString("utf8");
    decision = head.includes("message_start") || head.includes("message_delta") ? "keep" : "skip";
    if (decision === "skip") parts = [];
  };

  const endEvent = () => {
    decide(true);
    if (decision === "keep") handleEvent(Buffer.concat(parts).toString("utf8"));
    parts = [];
    size = 0;
    decision = undefined;
  };

  const append = (piece: Buffer) => {
    if (piece.length === 0 || decision === "skip") return;
    parts.push(piece);
    size += piece.length;
    decide(false);
  };

  return {
    usage,
    get model() {
      return model;
    },
    push(chunk: Uint8Array) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = 0;
      let index = buffer.indexOf(BOUNDARY);
      while (index >= 0) {
        const blankLine = index === 0 ? lastWasNewline : buffer[index - 1] === BOUNDARY;
        if (blankLine) {
          append(buffer.subarray(start, index));
          endEvent();
          start = index + 1;
          lastWasNewline = false;
        } else {
          lastWasNewline = index === buffer.length - 1;
        }
        index = buffer.indexOf(BOUNDARY, index + 1);
      }
      append(buffer.subarray(start));
      if (buffer.length > 0 && buffer[buffer.length - 1] !== BOUNDARY) lastWasNewline = false;
    },
    end() {
      if (size > 0) endEvent();
    },
  };
}
