import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, errorHeaders } from "@/lib/http/errors";
import { appErrorFor, newRequestId } from "@/lib/http/respond";
import { SECURITY_HEADER_RECORD } from "@/lib/http/security-headers";
import { proxyModelCall, type ModelEndpoint } from "@/lib/llm/proxy-model-call";

/** Paths the web server answers natively (no framework in between: this is every agent's hot path). */
export const MODEL_CALL_PATHS: Record<string, ModelEndpoint> = {
  "/api/v1/llm/v1/messages": "messages",
  "/api/v1/llm/v1/messages/count_tokens": "messages/count_tokens",
};

/**
 * Serves one proxied model call on a plain node request/response pair. Every answer carries the security headers
 * Next would add (lib/http/security-headers); errors are the API's error body, with Retry-After on a 429.
 */
export async function serveModelCall(req: IncomingMessage, res: ServerResponse, endpoint: ModelEndpoint): Promise<void> {
  const headers = { get: (name: string) => firstHeader(req.headers[name]) };
  try {
    if (req.method !== "POST") {
      res.writeHead(405, { ...SECURITY_HEADER_RECORD, allow: "POST" }).end();
      return;
    }
    const proxied = await proxyModelCall({ headers, body: req, endpoint });
    res.writeHead(proxied.status, { ...SECURITY_HEADER_RECORD, ...proxied.headers });
    proxied.body.pipe(res);
    // A client that goes away stops the upstream call too.
    res.on("close", () => proxied.body.destroy());
  } catch (error) {
    // The agent went away mid-request (stopped, killed): nobody to answer, and not a server error.
    if (req.destroyed || res.destroyed || res.headersSent) {
      if (!res.destroyed) res.destroy();
      return;
    }
    const requestId = newRequestId();
    const appError = appErrorFor(error, requestId, { method: req.method, path: req.url });
    res
      .writeHead(appError.status, {
        ...SECURITY_HEADER_RECORD,
        "content-type": "application/json",
        "x-request-id": requestId,
        ...errorHeaders(appError),
      })
      .end(JSON.stringify(errorBody(appError, requestId)));
  }
}

function firstHeader(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
