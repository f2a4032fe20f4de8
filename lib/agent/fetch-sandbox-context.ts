import { backoffDelays, fetchWithRetry } from "@/lib/http/fetch-with-retry";
import { sandboxContextSchema, type SandboxContext } from "@/lib/specs/sandbox-context-schema";

const ATTEMPT_TIMEOUT_MS = 10_000;

/** The agent's first call: what to work on (spec or ticket, project, checkpoints). Retries brief outages. */
export async function fetchSandboxContext(
  { apiUrl, sandboxId, token }: { apiUrl: string; sandboxId: string; token: string },
  { attempts = 5, doFetch = fetch, signal }: { attempts?: number; doFetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<SandboxContext> {
  const url = `${apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/context`;
  // A request that hangs is abandoned after its deadline and sent again on a new connection, instead of stalling
  // the agent while its heartbeats go on.
  const answer = await fetchWithRetry(url, { headers: { authorization: `Bearer ${token}` } }, {
    retryDelaysMs: backoffDelays(attempts, 250, 4_000),
    attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
    fetch: doFetch,
    signal,
    onRetry: (problem, attempt) => process.stderr.write(`[omoi-agent] context request attempt ${attempt} failed: ${problem}\n`),
  });
  if (!answer.ok) throw new Error(`context request failed: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  return sandboxContextSchema.parse(JSON.parse(answer.text));
}
