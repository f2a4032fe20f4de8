import http from "node:http";
import type { AddressInfo } from "node:net";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as contextRoute from "@/app/api/v1/sandboxes/[id]/context/route";
import * as phaseRoute from "@/app/api/v1/sandboxes/[id]/phases/[phase]/route";
import { serveNativeRoute, type NativeRoute } from "@/lib/http/node-adapter";
import { MODEL_CALL_PATHS, serveModelCall } from "@/lib/llm/serve-model-call";

/**
 * Client event ids of every batch the events route answered with 2xx: what agents were told is stored. Fault tests
 * check that each of them is in the database after whatever went wrong.
 */
export const acknowledgedEventIds = new Set<string>();

/** The events route, noting what it acknowledged. */
const recordingEventsRoute = {
  async POST(req: Request, segment: { params: Promise<{ id: string }> }) {
    const copy = req.clone();
    const res = await sandboxEventsRoute.POST(req, segment);
    if (res.ok) {
      const { events } = (await copy.json()) as { events: { clientEventId: string }[] };
      for (const event of events) acknowledgedEventIds.add(event.clientEventId);
    }
    return res;
  },
  GET: sandboxEventsRoute.GET,
};

/** The sandbox-facing routes, matched the way Next's file router would. */
const ROUTES: NativeRoute[] = [
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/events$/, keys: ["id"], module: recordingEventsRoute },
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
