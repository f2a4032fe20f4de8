import { errorBodySchema, type ErrorBody } from "@/lib/http/errors";
import { withAttemptTimeout } from "@/lib/http/with-attempt-timeout";

/** Answers worth another try: the server is busy, restarting, or behind a proxy that is. */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 30_000;

export interface FetchWithRetryOptions {
  /** The wait before each further attempt: its length is the number of retries ([] = one attempt). */
  retryDelaysMs: readonly number[];
  /** One attempt's deadline, the body included (a ref'd timer: see withAttemptTimeout). */
  attemptTimeoutMs: number;
  /** Waits are drawn from 75–100 % of each step, so clients throttled together do not come back together. */
  jitter?: boolean;
  /** Stops between and during attempts (the agent told to stop). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Told each failed attempt that will be retried: what went wrong, and which attempt it was (1-based). */
  onRetry?: (problem: string, attempt: number) => void;
}

/** A final answer: 2xx, or a status retrying will not change (the caller decides what a 4xx means). */
export interface FetchOutcome {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body, read within the attempt's deadline. */
  text: string;
}

/** Every attempt failed on the network or with a retryable status. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastProblem: string,
    readonly lastStatus: number | null,
    /** The last answer's whole body when it was a retryable status (see readErrorBody); null after a network error. */
    readonly lastText: string | null = null,
  ) {
    super(`no answer after ${attempts} attempt(s): ${lastProblem}`);
    this.name = "RetriesExhaustedError";
  }
}

/**
 * A final answer that is not a success, for callers that treat it as an error: retrying will not change it (a 4xx
 * other than 408/429). Carries the API's error code and details when the body was the API's error body.
 */
export class HttpRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpRefusedError";
  }

  /** From an answer: the API's message, else `fallback` (a proxy's page or an empty body says nothing useful). */
  static of(answer: Pick<FetchOutcome, "status" | "text">, fallback = `HTTP ${answer.status}`): HttpRefusedError {
    const body = readErrorBody(answer.text);
    return new HttpRefusedError(answer.status, body?.message ?? fallback, body?.code ?? null, body?.details);
  }
}

/** The API's `{ error: { code, message, details } }` from a body's text; null when the body is something else. */
export function readErrorBody(text: string | null | undefined): ErrorBody["error"] | null {
  if (!text) return null;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

/**
 * The one retrying HTTP client of the agent and the CLI (event reports, the sandbox's context and checkpoints, the
 * CLI's API calls): network errors and 408/429/5xx are retried after the given waits, `Retry-After` honoured (up to
 * 30 s), each attempt under its own deadline; any other answer is returned as it is, once.
 */
export async function fetchWithRetry(url: string, init: RequestInit, options: FetchWithRetryOptions): Promise<FetchOutcome> {
  const doFetch = options.fetch ?? fetch;
  for (let attempt = 1; ; attempt++) {
    // What the last attempt got: said in the error once the retries are spent.
    let lastProblem: string;
    let lastStatus: number | null;
    let lastText: string | null;
    options.signal?.throwIfAborted();
    let retryAfterMs = 0;
    try {
      const outcome = await withAttemptTimeout(options.attemptTimeoutMs, async (attemptSignal) => {
        const signal = options.signal ? AbortSignal.any([attemptSignal, options.signal]) : attemptSignal;
        const response = await doFetch(url, { ...init, signal });
        return { status: response.status, ok: response.ok, headers: response.headers, text: await response.text() };
      });
      if (!RETRYABLE_STATUS.has(outcome.status)) return outcome;
      lastStatus = outcome.status;
      lastText = outcome.text;
      lastProblem = `HTTP ${outcome.status} ${outcome.text.slice(0, 300)}`.trim();
      retryAfterMs = Math.min(Number(outcome.headers.get("retry-after")) * 1000 || 0, MAX_RETRY_AFTER_MS);
    } catch (error) {
      options.signal?.throwIfAborted();
      lastProblem = describeNetworkError(error);
      lastStatus = null;
      lastText = null;
    }
    const step = options.retryDelaysMs[attempt - 1];
    if (step === undefined) throw new RetriesExhaustedError(attempt, lastProblem, lastStatus, lastText);
    options.onRetry?.(lastProblem, attempt);
    const wait = Math.max(retryAfterMs, options.jitter === false ? step : step * (0.75 + Math.random() * 0.25));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, wait);
      options.signal?.addEventListener("abort", () => (clearTimeout(timer), reject(options.signal!.reason)), { once: true });
    });
  }
}

/** Waits growing from `baseMs` by doubling, capped at `maxMs`: `attempts - 1` of them. */
export function backoffDelays(attempts: number, baseMs: number, maxMs: number): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => Math.min(baseMs * 2 ** i, maxMs));
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "the request timed out";
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
