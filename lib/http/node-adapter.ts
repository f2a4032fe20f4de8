import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { SECURITY_HEADER_RECORD } from "@/lib/http/security-headers";

/** A web Request for a node request, so a route handler can be called without Next's request pipeline. */
export function toWebRequest(req: IncomingMessage, origin = "http://localhost"): Request {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(`${origin}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // @ts-expect-error -- undici requires it for a streamed body; the DOM types do not know it
    duplex: "half",
  });
}

/**
 * Writes a route handler's Response to a node response, with the security headers Next would have added from
 * next.config.ts (the handler's own win).
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = { ...SECURITY_HEADER_RECORD };
  response.headers.forEach((value, name) => {
    headers[name] = name === "set-cookie" ? [...((headers[name] as string[]) ?? []), value] : value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route modules differ only in their params type
export type RouteHandler = (req: Request, segment: { params: Promise<any> }) => Promise<Response>;

export interface NativeRoute {
  pattern: RegExp;
  keys: string[];
  module: Record<string, unknown>;
}

/**
 * Serves a request with a route module's handler when one of `routes` matches its path and method; false otherwise
 * (the caller hands it to Next). Matching mirrors Next's file routes for these fixed shapes.
 */
export async function serveNativeRoute(routes: readonly NativeRoute[], req: IncomingMessage, res: ServerResponse, origin?: string): Promise<boolean> {
  const pathname = (req.url ?? "/").split("?")[0]!;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    const handler = match && (route.module[req.method ?? "GET"] as RouteHandler | undefined);
    if (!match || !handler) continue;
    const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
    await sendWebResponse(res, await handler(toWebRequest(req, origin), { params: Promise.resolve(params) }));
    return true;
  }
  return false;
}
