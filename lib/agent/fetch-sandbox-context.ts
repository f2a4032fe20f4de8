import { sandboxContextSchema, type SandboxContext } from "@/lib/sandbox/sandbox-context-schema";

const ATTEMPT_TIMEOUT_MS = 10_000;

/** The agent's first call: what to work on (spec or ticket, project, checkpoints). Retries brief outages. */
export async function fetchSandboxContext(
  { apiUrl, sandboxId, token }: { apiUrl: string; sandboxId: string; token: string },
  { attempts = 5, doFetch = fetch }: { attempts?: number; doFetch?: typeof fetch } = {},
): Promise<SandboxContext> {
  const url = `${apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/context`;
  let lastError: Error = new Error("no attempt made");
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // A request that hangs (seen intermittently on a sandbox's first call) is abandoned and retried on a new
      // connection instead of stalling the agent forever while its heartbeats go on.
      const response = await doFetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      if (response.ok) return sandboxContextSchema.parse(await response.json());
      const body = await response.text();
      lastError = new Error(`context request failed: HTTP ${response.status} ${body.slice(0, 300)}`);
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      lastError = error as Error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 4_000)));
  }
  throw lastError;
}
