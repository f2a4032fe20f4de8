import http from "node:http";
import type { AddressInfo } from "node:net";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as contextRoute from "@/app/api/v1/sandboxes/[id]/context/route";
import * as phaseRoute from "@/app/api/v1/sandboxes/[id]/phases/[phase]/route";
import { serveNativeRoute, type NativeRoute } from "@/lib/http/node-adapter";
import { MODEL_CALL_PATHS, serveModelCall } from "@/lib/llm/serve-model-call";

/** The sandbox-facing routes, matched the way Next's file router would. */
const ROUTES: NativeRoute[] = [
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
    const endpoint = MODEL_CALL_PATHS[(req.url ?? "/").split("?")[0]!];
    if (endpoint) return serveModelCall(req, res, endpoint);
    if (await serveNativeRoute(ROUTES, req, res)) return;
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
