import { scrubString } from "@/lib/scrub-secrets";

/** Read beyond what is shown, so a secret cut by the read's start is dropped whole rather than shown in part. */
export const LOG_TAIL_MARGIN_BYTES = 4 * 1024;

/**
 * The end of an agent's log as members see it: through the same scrubber as events and logs (lib/security), then cut
 * to `bytes`. `raw` is the last `bytes + LOG_TAIL_MARGIN_BYTES` (at most) of the log; when it may have started inside
 * a line, its first word goes — a token's tail alone matches no secret shape, so it is never shown.
 */
export function scrubLogTail(raw: string, bytes: number): string {
  const mayBeCut = Buffer.byteLength(raw) >= bytes + LOG_TAIL_MARGIN_BYTES - 3; // a provider may drop a split UTF-8 sequence
  const scrubbed = scrubString(mayBeCut ? raw.replace(/^\S*/, "") : raw);
  const buffer = Buffer.from(scrubbed, "utf8");
  if (buffer.length <= bytes) return scrubbed;
  let start = buffer.length - bytes;
  while (start < buffer.length && (buffer[start]! & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString("utf8");
}
