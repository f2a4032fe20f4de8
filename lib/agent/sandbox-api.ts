import { backoffDelays, fetchWithRetry, HttpRefusedError, readErrorBody, RetriesExhaustedError } from "@/lib/http/fetch-with-retry";
import { checkpointResultSchema, type CheckpointInput, type CheckpointResult } from "@/lib/specs/sandbox-context-schema";

export interface SandboxApiOptions {
  apiUrl: string;
  sandboxId: string;
  token: string;
  doFetch?: typeof fetch;
  attempts?: number;
}

/** The app refused a checkpoint for a reason retrying will not change (its own gate, a cancelled spec). */
export class CheckpointRefused extends HttpRefusedError {
  constructor(status: number, message: string) {
    super(status, message);
    this.name = "CheckpointRefused";
  }
}

/**
 * Stores a passed phase output as the spec's checkpoint. Network errors, 408/429 and 5xx are retried (the PUT is
 * idempotent per attempt; lib/http/fetch-with-retry); any other 4xx is final.
 */
export async function putCheckpoint(options: SandboxApiOptions, phase: string, body: CheckpointInput): Promise<CheckpointResult> {
  const url = `${options.apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(options.sandboxId)}/phases/${phase}`;
  let answer;
  try {
    answer = await fetchWithRetry(
      url,
      { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` }, body: JSON.stringify(body) },
      // The server judges the output again, and may fetch the repository first: a generous deadline per attempt.
      { retryDelaysMs: backoffDelays(options.attempts ?? 6, 300, 5_000), attemptTimeoutMs: 60_000, fetch: options.doFetch },
    );
  } catch (error) {
    if (error instanceof RetriesExhaustedError) throw new Error(`checkpoint not stored: ${messageWithIssues(error.lastText) ?? error.lastProblem}`);
    throw error;
  }
  if (answer.ok) return checkpointResultSchema.parse(JSON.parse(answer.text));
  throw new CheckpointRefused(answer.status, messageWithIssues(answer.text) ?? `HTTP ${answer.status}`);
}

/** The error body's message and, for a refused output, the gate's issues (one a line): what the agent is told. */
function messageWithIssues(text: string | null): string | null {
  const error = readErrorBody(text);
  if (!error) return null;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  return [error.message, ...(Array.isArray(issues) ? issues.filter((issue): issue is string => typeof issue === "string") : [])].join("\n") || null;
}
