/**
 * Removes every `cache_control` field from a Messages API request body (system, messages and tools blocks, however
 * deeply nested), for Anthropic-compatible endpoints that reject prompt caching with a 400 instead of ignoring it.
 * Returns the body unchanged, byte for byte, when there is nothing to strip or it is not JSON (the endpoint reports).
 */
export function stripCacheControl(payload: Buffer): Buffer {
  if (!payload.includes("cache_control")) return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload.toString("utf8"));
  } catch {
    return payload;
  }
  if (!body || typeof body !== "object") return payload;
  const request = body as Record<string, unknown>;
  for (const key of ["system", "messages", "tools"]) {
    if (key in request) request[key] = withoutCacheControl(request[key]);
  }
  // Top-level automatic caching, where a client sends it.
  delete request.cache_control;
  return Buffer.from(JSON.stringify(request));
}

function withoutCacheControl(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCacheControl);
  if (!value || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== "cache_control") copy[key] = withoutCacheControl(inner);
  }
  return copy;
}
