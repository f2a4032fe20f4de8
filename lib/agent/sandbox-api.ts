import { backoffDelays, fetchWithRetry, RetriesExhaustedError } from "@/lib/http/fetch-with-retry";
import { checkpointResultSchema, type CheckpointInput, type CheckpointResult } from "@/lib/sandbox/sandbox-context-schema";

export interface SandboxApiOptions {
  apiUrl: string;
  sandboxId: string;
  token: string;
  doFetch?: typeof fetch;
  attempts?: number;
}

/** The app refused a checkpoint for a reason retrying will not change (its own gate, a cancelled spec). */
export class CheckpointRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
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
    if (error instanceof RetriesExhaustedError) throw new Error(`checkpoint not stored: ${readErrorMessage(error.lastProblem.replace(/^HTTP \d+ /, "")) ?? error.lastProblem}`);
    throw error;
  }
  if (answer.ok) return checkpointResultSchema.parse(JSON.parse(answer.text));
  throw new CheckpointRefused(answer.status, readErrorMessage(answer.text) ?? `HTTP ${answer.status}`);
}

function readErrorMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: string; details?: { issues?: string[] } } };
    const issues = body.error?.details?.issues;
    return [body.error?.message, ...(issues ?? [])].filter(Boolean).join("\n") || null;
  } catch {
    return null;
  }
}
