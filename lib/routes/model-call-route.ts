import { Readable } from "node:stream";
import { withPublic } from "@/lib/routes/with-auth";
import { proxyModelCall, type ModelEndpoint } from "@/lib/llm/proxy-model-call";

/**
 * The route handler for a proxied model call. `npm start` serves these paths natively in front of Next
 * (lib/llm/serve-model-call.ts); the handler answers them under `next dev` and in tests, through the same service.
 * The caller is the sandbox token, checked by the service together with the budget.
 */
export const modelCallRoute = (endpoint: ModelEndpoint) =>
  withPublic(async (req) => {
    const proxied = await proxyModelCall({ headers: req.headers, body: req.body as AsyncIterable<Uint8Array> | null, endpoint });
    return new Response(Readable.toWeb(proxied.body) as ReadableStream, { status: proxied.status, headers: proxied.headers });
  });
