import { sandboxContextSchema, type SandboxContext } from "@/lib/sandbox/sandbox-context-schema";

/** The agent's first call: what to work on (spec or ticket, project, checkpoints). Retries brief outages. */
export async function fetchSandboxContext(
  { apiUrl, sandboxId, token }: { apiUrl: string; sandboxId: string; token: string },
  { attempts = 5, doFetch = fetch }: { attempts?: number; doFetch?: typeof fetch } = {},
): Promise<SandboxContext> {
  const url = `${apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/context`;
  let lastError: Error = new Error("no attempt made");
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await doFetch(url, { headers: { authorization: `Bearer ${token}` } });
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
