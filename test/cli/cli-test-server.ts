import http from "node:http";
import type { AddressInfo } from "node:net";
import * as boardViewRoute from "@/app/api/v1/board/view/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as omoiSyncRoute from "@/app/api/v1/projects/[projectId]/omoi-sync/route";
import * as specRoute from "@/app/api/v1/specs/[specId]/route";
import * as specsRoute from "@/app/api/v1/specs/route";
import { sendWebResponse, toWebRequest, type NativeRoute, type RouteHandler } from "@/lib/http/node-adapter";

/** The routes the CLI calls, matched the way Next's file router would. */
const ROUTES: NativeRoute[] = [
  { pattern: /^\/api\/v1\/projects\/([^/]+)\/omoi-sync$/, keys: ["projectId"], module: omoiSyncRoute },
  { pattern: /^\/api\/v1\/specs$/, keys: [], module: specsRoute },
  { pattern: /^\/api\/v1\/specs\/([^/]+)$/, keys: ["specId"], module: specRoute },
  { pattern: /^\/api\/v1\/board\/view$/, keys: [], module: boardViewRoute },
  { pattern: /^\/api\/v1\/me$/, keys: [], module: meRoute },
];

/**
 * A connection dropped or a 503 before the handler runs (nothing happened), or a 503 after it ran (it committed,
 * the answer is lost): the ways a push gets interrupted.
 */
export type Fault = "503-before" | "503-after" | "drop";

export interface CliTestServer {
  url: string;
  /** Every request answered, in order (status 0 = dropped). */
  requests: { method: string; path: string; status: number }[];
  /** The next `times` requests with this method fail that way. */
  failNext(fault: Fault, times?: number, method?: string): void;
  close(): Promise<void>;
}

/** A real HTTP server in front of the real route handlers the CLI talks to, with faults on demand. */
export async function startCliTestServer(): Promise<CliTestServer> {
  const faults: { fault: Fault; method: string }[] = [];
  const requests: CliTestServer["requests"] = [];
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const record = (status: number) => requests.push({ method, path, status });
    const faultAt = faults.findIndex((f) => f.method === method);
    const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0]!.fault : undefined;
    if (fault === "drop") {
      record(0);
      return req.socket.destroy();
    }
    if (fault === "503-before") {
      record(503);
      req.resume();
      return res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "service_unavailable", message: "restarting" } }));
    }
    for (const route of ROUTES) {
      const match = route.pattern.exec(path);
      const handler = match && (route.module[method] as RouteHandler | undefined);
      if (!match || !handler) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
      const response = await handler(toWebRequest(req), { params: Promise.resolve(params) });
      if (fault === "503-after") {
        await response.arrayBuffer();
        record(503);
        return res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "service_unavailable", message: "gateway timeout" } }));
      }
      record(response.status);
      return sendWebResponse(res, response);
    }
    record(404);
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "no route" } }));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext: (fault, times = 1, method = "POST") => {
      for (let i = 0; i < times; i++) faults.push({ fault, method });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
