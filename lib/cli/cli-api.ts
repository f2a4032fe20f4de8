import type { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import type { Credentials } from "@/lib/cli/credentials";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { readApiResponse } from "@/lib/http/api-client";

/** Answers worth another try: the server is busy, restarting or behind a proxy that is. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 30_000;

export interface ApiRequest<S extends z.ZodType> {
  method?: "GET" | "POST";
  path: string;
  body?: unknown;
  /** The response's schema: an unexpected answer is an error, not a crash later. */
  schema: S;
}

/**
 * One call to the OmoiOS API with the API key as `Authorization: Bearer` (the one header the server reads). Network
 * errors and 408/429/5xx are retried with growing waits (Retry-After honoured); every request the CLI makes is
 * idempotent — a push is keyed by file ids — so a retry after a lost answer is safe. Failures become CliErrors
 * with the exit code a script can rely on.
 */
export async function callApi<S extends z.ZodType>(ctx: CliContext, credentials: Credentials, request: ApiRequest<S>): Promise<z.output<S>> {
  const url = `${credentials.apiUrl}${request.path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${credentials.apiKey}`, accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  let lastProblem = "";
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await ctx.fetch(url, { method: request.method ?? "GET", headers, body, signal: AbortSignal.timeout(ctx.requestTimeoutMs) });
    } catch (error) {
      lastProblem = networkProblem(error);
    }
    if (response && !RETRYABLE_STATUS.has(response.status)) return readResponse(response, url, request.schema);
    let wait = ctx.retryDelaysMs[attempt];
    if (response) {
      lastProblem = `${response.status} ${await errorMessage(response)}`;
      const retryAfter = Number(response.headers.get("retry-after")) * 1000;
      if (wait !== undefined && retryAfter > wait) wait = Math.min(retryAfter, MAX_RETRY_AFTER_MS);
    }
    if (wait === undefined) {
      throw new CliError(EXIT.network, `could not complete ${request.method ?? "GET"} ${url} after ${attempt + 1} attempt(s): ${lastProblem}`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function readResponse<S extends z.ZodType>(response: Response, url: string, schema: S): Promise<z.output<S>> {
  const { data, error } = await readApiResponse(response);
  if (error) {
    const { code, message } = error;
    const details = error.details as { fields?: Record<string, string[]> } | undefined;
    const api = { status: response.status, code, fields: details?.fields ?? {} };
    if (response.status === 401) throw new CliError(EXIT.auth, `the server refused the API key: ${message} (run \`omoi login\`)`, api);
    if (response.status === 403) throw new CliError(EXIT.auth, `not allowed: ${message}`, api);
    throw new CliError(EXIT.failed, message, api);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new CliError(EXIT.failed, `unexpected answer from ${url} (is OMOIOS_API_URL an OmoiOS server?)`);
  return parsed.data;
}

async function errorMessage(response: Response): Promise<string> {
  return (await readApiResponse(response)).error?.message ?? response.statusText;
}

function networkProblem(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "the request timed out";
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
