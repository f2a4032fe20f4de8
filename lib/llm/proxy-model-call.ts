import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ResponseUsage } from "@/lib/core/usage";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { readLimited } from "@/lib/http/parse";
import { log } from "@/lib/log";
import { authorizeProxyCall } from "@/lib/llm/authorize-proxy-call";
import { assertCountTokensWithinLimit } from "@/lib/llm/assert-count-tokens-within-limit";
import { assertModelRequestAllowed } from "@/lib/llm/assert-model-request-allowed";
import { recordLlmUsageInBackground, type RecordLlmUsageOptions } from "@/lib/llm/record-llm-usage";
import { createSseUsageCollector, usageFromMessageBody } from "@/lib/llm/usage-from-response";
import { stripCacheControl } from "@/lib/llm/strip-cache-control";
import { sandboxTokenFrom } from "@/lib/auth/authenticate-sandbox-token";
import { PHASE_HEADER } from "@/lib/llm/phase-header";
import { SPEC_PHASES as PHASES } from "@/lib/core/spec-phases";

/** Request headers passed upstream; everything else (cookies, the sandbox token) stays here. */
const FORWARDED_REQUEST_HEADERS = ["anthropic-version", "anthropic-beta", "accept"];
/** Response headers passed back so the SDK's retry logic sees what the API said. */
const FORWARDED_RESPONSE_HEADERS = ["content-type", "content-length", "request-id", "retry-after", "x-should-retry", "anthropic-ratelimit-requests-remaining"];

/** Answers by which an Anthropic-compatible endpoint says it has no count_tokens. */
const NO_COUNT_TOKENS = new Set([404, 405, 501]);
/** The estimate's rule of thumb: about four characters of JSON per token. */
const CHARS_PER_TOKEN = 4;

/** Reused connections to the model API: a TLS handshake per call would cost more than everything else here. */
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

export type ModelEndpoint = "messages" | "messages/count_tokens";

export interface ProxyModelCallInput {
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
  endpoint: ModelEndpoint;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  /** The model API's response body, byte for byte. */
  body: Readable;
}

/**
 * Forwards a Messages API call from a sandbox to Anthropic with the server's key. Node streams end to end: the
 * response body is the upstream socket's stream, read on the side for usage, which is recorded once the last byte
 * has gone out. Prompts, keys and tokens are never logged. Served natively by the web server (scripts/start.ts)
 * and through the Next route handler (tests, `next dev`).
 */
export async function proxyModelCall({ headers, body, endpoint }: ProxyModelCallInput): Promise<ProxiedResponse> {
  const env = getEnv();
  if (!env.ANTHROPIC_API_KEY) {
    throw new AppError("model_not_configured", "No model is configured: set ANTHROPIC_API_KEY on the OmoiOS server");
  }
  const sandbox = await authorizeProxyCall(sandboxTokenFrom(headers));
  const received = await readLimited({ headers, body }, env.LLM_PROXY_MAX_BODY_BYTES);
  // The server decides what reaches the operator's key (model, max_tokens, betas, tools); the API validates the rest.
  const { model: requestedModel } = assertModelRequestAllowed({ payload: received, endpoint, betaHeader: headers.get("anthropic-beta") });
  // Checked as sent, then (compatible endpoints only) stripped of what such endpoints reject. The real API gets the
  // bytes the agent sent.
  const compatible = env.LLM_ENDPOINT_PROFILE === "compatible";
  const payload = compatible ? stripCacheControl(received) : received;
  if (endpoint === "messages/count_tokens") await assertCountTokensWithinLimit(sandbox.sandboxId);
  const phaseHeader = headers.get(PHASE_HEADER);
  const phase = PHASES.find((p) => p === phaseHeader) ?? null;

  const upstreamHeaders: Record<string, string> = {
    "content-type": "application/json",
    "content-length": String(payload.byteLength),
    "x-api-key": env.ANTHROPIC_API_KEY,
    "anthropic-version": headers.get("anthropic-version") ?? "2023-06-01",
  };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    if (compatible && name === "anthropic-beta") continue;
    const value = headers.get(name);
    if (value) upstreamHeaders[name] = value;
  }

  const url = new URL(`${env.ANTHROPIC_BASE_URL.replace(/\/$/, "")}/v1/${endpoint}`);
  const started = performance.now();
  let upstream: http.IncomingMessage;
  try {
    upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(url, { method: "POST", headers: upstreamHeaders, agent: agents[url.protocol as "http:" | "https:"] }, resolve);
      request.on("error", reject);
      request.end(payload);
    });
  } catch (error) {
    log.warn("model API unreachable", { sandboxId: sandbox.sandboxId, error: (error as Error).message });
    // A 503 the SDK retries like any overloaded answer.
    throw new AppError("service_unavailable", "The model API could not be reached");
  }

  const responseHeaders: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers[name];
    if (typeof value === "string") responseHeaders[name] = value;
  }
  const status = upstream.statusCode ?? 502;
  const meter = { sandboxId: sandbox.sandboxId, specId: sandbox.specId, taskId: sandbox.taskId, orgId: sandbox.orgId, phase, status };
  if (compatible && endpoint === "messages/count_tokens" && NO_COUNT_TOKENS.has(status)) {
    // The endpoint cannot count: answer an estimate ourselves (marked as one), metered like a counted answer.
    upstream.resume();
    const inputTokens = Math.ceil(payload.byteLength / CHARS_PER_TOKEN);
    const answer = Buffer.from(JSON.stringify({ input_tokens: inputTokens }));
    recordLlmUsageInBackground({
      ...meter,
      status: 200,
      model: requestedModel,
      endpoint: "messages/count_tokens",
      usage: { input_tokens: inputTokens, output_tokens: 0 },
      durationMs: Math.round(performance.now() - started),
    });
    const estimated = { "content-type": "application/json", "content-length": String(answer.byteLength), "x-omoi-estimated": "true" };
    return { status: 200, headers: estimated, body: Readable.from([answer]) };
  }
  if (status >= 400) return { status, headers: responseHeaders, body: upstream };
  if (endpoint === "messages/count_tokens") {
    meterCountTokens(upstream, { ...meter, model: requestedModel, started });
    return { status, headers: responseHeaders, body: upstream };
  }

  const isStream = (upstream.headers["content-type"] ?? "").includes("text/event-stream");
  const collector = isStream ? createSseUsageCollector() : undefined;
  const jsonChunks: Buffer[] = [];
  upstream.on("data", (chunk: Buffer) => (collector ? collector.push(chunk) : jsonChunks.push(chunk)));
  upstream.on("end", () => {
    // The answer's model names what was billed; one that does not say is the model asked for (and allowed).
    let model = requestedModel;
    let usage: ResponseUsage;
    if (collector) {
      collector.end();
      model = collector.model ?? model;
      usage = collector.usage;
    } else {
      const message = usageFromMessageBody(Buffer.concat(jsonChunks));
      if (!message) return; // an unparseable success body is passed on for the SDK to report
      model = message.model ?? model;
      usage = message.usage;
    }
    recordLlmUsageInBackground({ ...meter, model, usage, durationMs: Math.round(performance.now() - started) });
  });
  return { status, headers: responseHeaders, body: upstream };
}

/** A count_tokens answer (`{"input_tokens": n}`) is small: read on the side and recorded once it has gone out. */
function meterCountTokens(upstream: http.IncomingMessage, meter: Omit<RecordLlmUsageOptions, "usage" | "durationMs"> & { started: number }) {
  const chunks: Buffer[] = [];
  upstream.on("data", (chunk: Buffer) => chunks.push(chunk));
  upstream.on("end", () => {
    let inputTokens = 0;
    try {
      inputTokens = Number((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input_tokens?: unknown }).input_tokens) || 0;
    } catch {
      // Still counted: the call was made.
    }
    const { started, ...options } = meter;
    recordLlmUsageInBackground({
      ...options,
      endpoint: "messages/count_tokens",
      usage: { input_tokens: inputTokens, output_tokens: 0 },
      durationMs: Math.round(performance.now() - started),
    });
  });
}
