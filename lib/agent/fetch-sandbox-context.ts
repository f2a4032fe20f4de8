import { withAttemptTimeout } from "@/lib/http/with-attempt-timeout";
import { sandboxContextSchema, type SandboxContext } from "@/lib/sandbox/sandbox-context-schema";

const ATTEMPT_TIMEOUT_MS = 10_000;

/** The agent's first call: what to work on (spec or ticket, project, checkpoints). Retries brief outages. */
export async function fetchSandboxContext(
  { apiUrl, sandboxId, token }: { apiUrl: string; sandboxId: string; token: string },
  { attempts = 5, doFetch = fetch, signal }: { attempts?: number; doFetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<SandboxContext> {
  const url = `${apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/context`;
  let lastError: Error = new Error("no attempt made");
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (signal?.aborted) throw new Error("stopped");
    try {
      // A request that hangs is abandoned and retried on a new connection instead of stalling the agent while its
      // heartbeats go on. A ref'd timer (AbortSignal.timeout's is not) also keeps the process alive meanwhile.
      const { response, body } = await withAttemptTimeout(ATTEMPT_TIMEOUT_MS, async (attemptSignal) => {
        const res = await doFetch(url, { headers: { authorization: `Bearer ${token}` }, signal: signal ? AbortSignal.any([attemptSignal, signal]) : attemptSignal });
        return { response: res, body: await res.text() };
      });
      if (response.ok) return sandboxContextSchema.parse(JSON.parse(body));
      lastError = new Error(`context request failed: HTTP ${response.status} ${body.slice(0, 300)}`);
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      lastError = error as Error;
      process.stderr.write(`[omoi-agent] context request attempt ${attempt} failed: ${lastError.message}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 4_000)));
  }
  throw lastError;
}
