import type { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError, validationError } from "@/lib/http/errors";

/** Reads at most `limit` bytes of a body (a web stream or a node request); more → 413, without buffering the rest. */
export async function readLimited(
  source: { headers: { get(name: string): string | null }; body: AsyncIterable<Uint8Array> | null },
  limit: number,
): Promise<Buffer> {
  const declared = Number(source.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError("payload_too_large", `Request body is larger than ${limit} bytes`);
  }
  if (!source.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.body) {
    total += chunk.byteLength;
    // Leaving the loop cancels the stream, so the rest is never read.
    if (total > limit) throw new AppError("payload_too_large", `Request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const NUL = "\u0000";
const NUL_MESSAGE = "Text may not contain NUL characters (\\u0000)";

/**
 * PostgreSQL cannot store NUL in text or jsonb: it would fail the write (a 500, after earlier statements of a
 * request may have run). So NUL is refused at the door with the field named, or — for agent output, which is data
 * to keep, not input to correct — replaced by U+FFFD.
 */
function handleNul(value: unknown, mode: "refuse" | "replace", at: string[] = []): unknown {
  if (typeof value === "string") {
    if (!value.includes(NUL)) return value;
    if (mode === "replace") return value.replaceAll(NUL, "\uFFFD");
    throw new AppError("validation_failed", "Invalid request body", { fields: { [at.join(".") || "(body)"]: [NUL_MESSAGE] } });
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item, i) => handleNul(item, mode, [...at, String(i)]));
  const entries = Object.entries(value).map(([key, inner]) => [handleNul(key, mode, [...at, key]) as string, handleNul(inner, mode, [...at, key])]);
  return Object.fromEntries(entries);
}

interface BodyOptions {
  /** Bytes; more → 413. Default MAX_BODY_BYTES. */
  limit?: number;
  /** What to do with NUL characters in strings: refuse with 422 (default) or replace (agent output). */
  nul?: "refuse" | "replace";
}

/** Parses a JSON body against `schema`: 413 too large, 415 not JSON, 400 malformed, 422 invalid (field errors). */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, options: BodyOptions = {}) {
  const limit = options.limit ?? getEnv().MAX_BODY_BYTES;
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const text = (await readLimited({ headers: req.headers, body: req.body as AsyncIterable<Uint8Array> | null }, limit)).toString("utf8");
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  // JSON can only carry NUL escaped, so bodies without the escape (nearly all) skip the walk.
  if (text.includes("\\u0000")) value = handleNul(value, options.nul ?? "refuse");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data as z.output<S>;
}

/** Parses the query string against `schema` (422 with field errors). */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S) {
  const params = new URL(req.url).searchParams;
  const query = Object.fromEntries(params.entries());
  for (const [name, value] of Object.entries(query)) {
    if (value.includes(NUL) || name.includes(NUL)) throw new AppError("validation_failed", "Invalid query parameters", { fields: { [name]: [NUL_MESSAGE] } });
  }
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error, "query parameters");
  return parsed.data as z.output<S>;
}

/** Validates route parameters (ids) so a malformed one is a 404, never a database error. */
export function parseParams<S extends z.ZodType>(params: unknown, schema: S) {
  const hasNul = Object.values(params ?? {}).some((value) => typeof value === "string" && value.includes(NUL));
  const parsed = schema.safeParse(params);
  if (hasNul || !parsed.success) throw new AppError("not_found", "Not found");
  return parsed.data as z.output<S>;
}
