import { errorBodySchema } from "@/lib/http/errors";

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
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(data);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, "http_error", `Request failed (${response.status})`);
  }
  return data as T;
}
