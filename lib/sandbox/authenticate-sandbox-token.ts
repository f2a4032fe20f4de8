import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashSandboxToken, SANDBOX_TOKEN_PREFIX } from "@/lib/sandbox/issue-sandbox-token";

export interface SandboxCaller {
  sandboxId: string;
  specId: string | null;
  taskId: string | null;
  purpose: "spec" | "task";
}

/** The sandbox a token belongs to; 401 for an unknown, expired or revoked token. */
export async function authenticateSandboxToken(token: string | null | undefined): Promise<SandboxCaller> {
  if (!token?.startsWith(SANDBOX_TOKEN_PREFIX)) throw new AppError("unauthorized", "A sandbox token is required");
  const sandbox = await db.sandbox.findUnique({
    where: { tokenHash: hashSandboxToken(token) },
    select: { id: true, specId: true, taskId: true, purpose: true, tokenExpiresAt: true, tokenRevokedAt: true },
  });
  if (!sandbox || sandbox.tokenRevokedAt || !sandbox.tokenExpiresAt || sandbox.tokenExpiresAt <= new Date()) {
    throw new AppError("unauthorized", "Invalid, expired or revoked sandbox token");
  }
  return { sandboxId: sandbox.id, specId: sandbox.specId, taskId: sandbox.taskId, purpose: sandbox.purpose };
}

/** The token from `Authorization: Bearer …` or `x-api-key` (what the Anthropic SDK sends). */
export function sandboxTokenFrom(headers: { get(name: string): string | null }): string | null {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) return authorization.slice(7).trim();
  return headers.get("x-api-key");
}
