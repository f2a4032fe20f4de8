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
 * Stores a passed phase output as the spec's checkpoint. Network errors and 5xx are retried (the PUT is idempotent
 * per attempt); a 4xx is final.
 */
export async function putCheckpoint(options: SandboxApiOptions, phase: string, body: CheckpointInput): Promise<CheckpointResult> {
  const url = `${options.apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(options.sandboxId)}/phases/${phase}`;
  const doFetch = options.doFetch ?? fetch;
  const attempts = options.attempts ?? 6;
  let lastError: Error = new Error("no attempt made");
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await doFetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.ok) return checkpointResultSchema.parse(JSON.parse(text));
      const message = readErrorMessage(text) ?? `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 408 && response.status !== 429) throw new CheckpointRefused(response.status, message);
      lastError = new Error(`checkpoint not stored: ${message}`);
    } catch (error) {
      if (error instanceof CheckpointRefused) throw error;
      lastError = error as Error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(300 * 2 ** (attempt - 1), 5_000)));
  }
  throw lastError;
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
