import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export const SANDBOX_TOKEN_PREFIX = "omoisbx_";
/** Time for the clone before the agent's wall clock starts, and for its last words after it. */
const TOKEN_MARGIN_SECONDS = 15 * 60;

/**
 * A token works while its sandbox is live (creating or running, checked on every use) and at most for a sandbox's
 * whole lifetime (SANDBOX_WALL_SECONDS) plus a margin, so a token that leaks out of a sandbox is worth nothing once
 * the sandbox has ended, and little even if the sandbox's end were never recorded. Re-spawns get a new token.
 */
export const sandboxTokenTtlMs = () => (getEnv().SANDBOX_WALL_SECONDS + TOKEN_MARGIN_SECONDS) * 1000;

export const hashSandboxToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Gives a sandbox a fresh bearer token: 32 random bytes, stored only as sha256, bound to this one sandbox row
 * (and so to its spec or task), expiring. Any earlier token of the sandbox stops working.
 */
export async function issueSandboxToken({ sandboxId, ttlMs = sandboxTokenTtlMs() }: { sandboxId: string; ttlMs?: number }) {
  const token = `${SANDBOX_TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.sandbox.update({
    where: { id: sandboxId },
    data: { tokenHash: hashSandboxToken(token), tokenExpiresAt: expiresAt, tokenRevokedAt: null },
  });
  return { token, expiresAt };
}
