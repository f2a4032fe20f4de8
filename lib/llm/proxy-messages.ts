import { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { readLimited } from "@/lib/http/parse";
import { log } from "@/lib/log";
import { assertWithinBudget } from "@/lib/llm/assert-within-budget";
import { recordLlmUsage } from "@/lib/llm/record-llm-usage";
import { createSseUsageCollector, emptyUsage, mergeUsage } from "@/lib/llm/usage-from-response";
import type { ResponseUsage } from "@/lib/agent/usage";
import type { SandboxCaller } from "@/lib/sandbox/authenticate-sandbox-token";

const PHASES = ["explore", "requirements", "design", "tasks", "sync", "complete"] as const;
/** The agent names its current phase so cost lands on the right phase run. */
export const PHASE_HEADER = "x-omoi-phase";
/** Request headers passed upstream; everything else (cookies, the sandbox token) stays here. */
const FORWARDED_REQUEST_HEADERS = ["anthropic-version", "anthropic-beta", "accept"];
/** Response headers passed back so the SDK's retry logic sees what the API said. */
const FORWARDED_RESPONSE_HEADERS = ["content-type", "request-id", "retry-after", "x-should-retry", "anthropic-ratelimit-requests-remaining"];

const requestShape = z.object({ model: z.string().min(1).max(200), stream: z.boolean().optional() }).passthrough();

export interface ProxyMessagesOptions {
  req: Request;
  sandbox: SandboxCaller;
  /** "messages" or "messages/count_tokens" */
  endpoint: "messages" | "messages/count_tokens";
}

/**
 * Forwards a Messages API call from a sandbox to Anthropic with the server's key, passes the response (JSON or
 * SSE) through unchanged, and records tokens and cost when it ends. Prompts, keys and tokens are never logged.
 */
export async function proxyMessages({ req, sandbox, endpoint }: ProxyMessagesOptions): Promise<Response> {
  const env = getEnv();
  if (!env.ANTHROPIC_API_KEY) {
    throw new AppError("model_not_configured", "No model is configured: set ANTHROPIC_API_KEY on the OmoiOS server");
  }
  await assertWithinBudget(sandbox);
  const body = await readLimited(req, env.LLM_PROXY_MAX_BODY_BYTES);
  let parsed: z.infer<typeof requestShape>;
  try {
    parsed = requestShape.parse(JSON.parse(body));
  } catch {
    throw new AppError("validation_failed", "A Messages API request needs a JSON body with a model", { fields: { model: ["Required"] } });
  }
  const phaseHeader = req.headers.get(PHASE_HEADER);
  const phase = PHASES.find((p) => p === phaseHeader) ?? null;

  const headers = new Headers({ "content-type": "application/json", "x-api-key": env.ANTHROPIC_API_KEY });
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (!headers.has("anthropic-version")) headers.set("anthropic-version", "2023-06-01");

  const started = performance.now();
  let upstream: Response;
  try {
    upstream = await fetch(`${env.ANTHROPIC_BASE_URL.replace(/\/$/, "")}/v1/${endpoint}`, {
      method: "POST",
      headers,
      body,
      signal: req.signal,
    });
  } catch (error) {
    log.warn("model API unreachable", { sandboxId: sandbox.sandboxId, error: (error as Error).message });
    // Anthropic's own error shape, so the SDK treats it like any overloaded answer and retries.
    return Response.json({ type: "error", error: { type: "api_error", message: "The model API could not be reached" } }, { status: 502 });
  }

  const responseHeaders = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  if (!upstream.ok || !upstream.body || endpoint !== "messages") {
    return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
  }

  const record = (model: string, usage: ResponseUsage) =>
    recordLlmUsage({
      sandboxId: sandbox.sandboxId,
      specId: sandbox.specId,
      taskId: sandbox.taskId,
      phase,
      model,
      usage,
      durationMs: Math.round(performance.now() - started),
      status: upstream.status,
    }).catch((error) => log.error("could not record model usage", { sandboxId: sandbox.sandboxId, error }));

  const isStream = (upstream.headers.get("content-type") ?? "").includes("text/event-stream");
  if (isStream) {
    const collector = createSseUsageCollector();
    const passthrough = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        collector.push(chunk);
      },
      async flush() {
        collector.end();
        await record(collector.model ?? parsed.model, collector.usage);
      },
    });
    return new Response(upstream.body.pipeThrough(passthrough), { status: upstream.status, headers: responseHeaders });
  }

  const text = await upstream.text();
  try {
    const message = JSON.parse(text) as { model?: string; usage?: Partial<ResponseUsage> };
    await record(message.model ?? parsed.model, mergeUsage(emptyUsage(), message.usage));
  } catch {
    // an unparseable success body is passed on for the SDK to report
  }
  return new Response(text, { status: upstream.status, headers: responseHeaders });
}
