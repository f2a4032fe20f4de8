import { errorBodySchema, type ErrorBody } from "@/lib/http/errors";

/** An API error rebuilt on the client from the `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field errors of a 422 (or a 409 that names fields), keyed by field path. */
  get fields(): Record<string, string[]> {
    const fields = (this.details as { fields?: Record<string, string[]> } | undefined)?.fields;
    return fields ?? {};
  }
}

/** The browser's (and tests') way to call /api/v1: JSON in, JSON out, errors as ApiError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const { data, error } = await readApiResponse(response);
  if (error) throw new ApiError(response.status, error.code, error.message, error.details);
  return data as T;
}

/**
 * A response of /api/v1 read once: its JSON, and for a failure the API's `{ error }` — or a generic one when the body
 * is not ours (a proxy's HTML page, an empty 502). Shared by the browser client and the `omoi` CLI.
 */
export async function readApiResponse(response: Response): Promise<{ data: unknown; error: ErrorBody["error"] | null }> {
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return { data, error: null };
  const parsed = errorBodySchema.safeParse(data);
  return { data, error: parsed.success ? parsed.data.error : { code: "http_error", message: `Request failed (${response.status})` } };
}
