// `any`: handlers differ only in their params type.
type Handler = (req: Request, segment: { params: Promise<any> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  /** An object is sent as JSON; a string is sent as is (for malformed-body tests). */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  cookie?: string;
  apiKey?: string;
}

/** Calls a route handler directly with a real Request, the way Next would. */
export async function callRoute(handler: Handler, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://localhost:3000${options.path ?? "/api/v1/test"}`, {
    method: options.method ?? "GET",
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, body: json, headers: response.headers };
}
