import crypto from "node:crypto";
import { db } from "@/lib/db/client";

export const SANDBOX_TOKEN_PREFIX = "omoisbx_";
/** Long enough for a long spec run; re-spawns get a new token. */
export const DEFAULT_SANDBOX_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export const hashSandboxToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Gives a sandbox a fresh bearer token: 32 random bytes, stored only as sha256, bound to this one sandbox row
 * (and so to its spec or task), expiring. Any earlier token of the sandbox stops working.
 */
export async function issueSandboxToken({ sandboxId, ttlMs = DEFAULT_SANDBOX_TOKEN_TTL_MS }: { sandboxId: string; ttlMs?: number }) {
  const token = `${SANDBOX_TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.sandbox.update({
    where: { id: sandboxId },
    data: { tokenHash: hashSandboxToken(token), tokenExpiresAt: expiresAt, tokenRevokedAt: null },
  });
  return { token, expiresAt };
}
