import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as contextRoute from "@/app/api/v1/sandboxes/[id]/context/route";
import * as phaseRoute from "@/app/api/v1/sandboxes/[id]/phases/[phase]/route";
import { MODEL_CALL_PATHS, serveModelCall } from "@/lib/llm/serve-model-call";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route modules differ in their params type
type Handler = (req: Request, segment: { params: Promise<any> }) => Promise<Response>;

/** The sandbox-facing routes, matched the way Next's file router would. */
const ROUTES: { pattern: RegExp; keys: string[]; module: Record<string, unknown> }[] = [
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/events$/, keys: ["id"], module: sandboxEventsRoute },
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/context$/, keys: ["id"], module: contextRoute },
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/phases\/([^/]+)$/, keys: ["id", "phase"], module: phaseRoute },
];

export interface TestAppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server in front of the real route handlers and the native model-call path, for tests in which
 * agents run as separate processes and need the app's sandbox API — without a Next build.
 */
export async function startTestAppServer(): Promise<TestAppServer> {
  const server = http.createServer(async (req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    const endpoint = MODEL_CALL_PATHS[pathname];
    if (endpoint) return serveModelCall(req, res, endpoint);
    for (const route of ROUTES) {
      const match = route.pattern.exec(pathname);
      const handler = match && (route.module[req.method ?? "GET"] as Handler | undefined);
      if (!match || !handler) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        // @ts-expect-error -- required by undici for a streamed body
        duplex: "half",
      });
      const response = await handler(request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "no route" } }));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
