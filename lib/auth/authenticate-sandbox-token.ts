import { getPgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/http/errors";
import { assertWithinRateLimit } from "@/lib/rate-limit/assert-within-rate-limit";
import { hashSandboxToken, SANDBOX_TOKEN_PREFIX } from "@/lib/auth/issue-sandbox-token";

/** How long a sandbox that ended itself may still report (see authenticateSandboxToken). */
export const LAST_WORDS_SECONDS = 60;

export interface SandboxCaller {
  sandboxId: string;
  specId: string | null;
  taskId: string | null;
  purpose: "spec" | "task" | "integration";
}

/**
 * The sandbox a token belongs to; 401 for an unknown, expired or revoked token or a sandbox that has ended, 429 for a
 * sandbox past its rate (lib/security/assert-within-rate-limit). A sandbox that stopped itself (its terminal event,
 * a checkpoint that waits for approval) keeps its callbacks for LAST_WORDS_SECONDS, so the events it sends right
 * after — the phase's completion, a last heartbeat — still land; lost, failed and cancelled sandboxes have their
 * token revoked at once (markSandboxLost). Every callback route starts here (withSandboxAuth), so it is one named
 * query on the plain pool; model calls are checked by authorizeProxyCall (live sandboxes only), which counts against
 * the same bucket.
 */
export async function authenticateSandboxToken(token: string | null | undefined): Promise<SandboxCaller> {
  if (!token?.startsWith(SANDBOX_TOKEN_PREFIX)) throw new AppError("unauthorized", "A sandbox token is required");
  const { rows } = await getPgPool().query<SandboxCaller>({
    name: "authenticate-sandbox-token",
    text: `SELECT id AS "sandboxId", "specId", "taskId", purpose::text AS purpose FROM "Sandbox"
           WHERE "tokenHash" = $1 AND "tokenRevokedAt" IS NULL AND "tokenExpiresAt" > now()
             AND (status IN ('creating', 'running') OR (status = 'stopped' AND "endedAt" > now() - make_interval(secs => $2)))`,
    values: [hashSandboxToken(token), LAST_WORDS_SECONDS],
  });
  if (!rows[0]) throw new AppError("unauthorized", "Invalid, expired or revoked sandbox token, or its sandbox has ended");
  await assertWithinRateLimit("sandbox", rows[0].sandboxId);
  return rows[0];
}

/** The token from `Authorization: Bearer …` or `x-api-key` (what the Anthropic SDK sends). */
export function sandboxTokenFrom(headers: { get(name: string): string | null }): string | null {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) return authorization.slice(7).trim();
  return headers.get("x-api-key");
}
