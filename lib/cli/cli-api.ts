import type { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import type { Credentials } from "@/lib/cli/credentials";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { readApiResponse } from "@/lib/http/api-client";
import { fetchWithRetry, readErrorBody, RetriesExhaustedError } from "@/lib/http/fetch-with-retry";

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
  try {
    const answer = await fetchWithRetry(url, { method: request.method ?? "GET", headers, body }, {
      retryDelaysMs: ctx.retryDelaysMs,
      attemptTimeoutMs: ctx.requestTimeoutMs,
      // The documented waits, as they are: a person at a terminal reads them.
      jitter: false,
      fetch: ctx.fetch,
    });
    return readResponse(new Response(answer.text === "" ? null : answer.text, { status: answer.status, headers: answer.headers }), url, request.schema);
  } catch (error) {
    if (!(error instanceof RetriesExhaustedError)) throw error;
    // The API's message when the last answer was its error body; else what the body said (a proxy's page).
    const problem =
      error.lastStatus === null ? error.lastProblem : `${error.lastStatus} ${readErrorBody(error.lastText)?.message ?? (error.lastText?.slice(0, 300) || "no answer")}`;
    throw new CliError(EXIT.network, `could not complete ${request.method ?? "GET"} ${url} after ${error.attempts} attempt(s): ${problem}`);
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
