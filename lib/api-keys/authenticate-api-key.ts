import { getPgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/http/errors";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import type { UserDto } from "@/lib/users/user-schemas";

/** lastUsedAt is a hint for the settings page; writing it at most once a minute keeps reads read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The user and scopes of an API key; 401 for an unknown, revoked or expired one. On the path of every CLI call and
 * polling client, so one named query on the plain pool (plus, at most once a minute, the lastUsedAt write).
 */
export async function authenticateApiKey(key: string): Promise<{ keyId: string; user: UserDto; scopes: ApiKeyScope[] }> {
  const pool = getPgPool();
  const { rows } = await pool.query<{ keyId: string; lastUsedAt: Date | null; scopes: ApiKeyScope[] } & UserDto>({
    name: "authenticate-api-key",
    text: `SELECT k.id AS "keyId", k."lastUsedAt", k.scopes::text[] AS scopes, u.id, u.email, u.name, u.image
           FROM "ApiKey" k JOIN "User" u ON u.id = k."userId"
           WHERE k."keyHash" = $1 AND k."revokedAt" IS NULL AND (k."expiresAt" IS NULL OR k."expiresAt" > now())`,
    values: [hashApiKey(key)],
  });
  const row = rows[0];
  if (!row) throw new AppError("unauthorized", "Invalid, revoked or expired API key");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await pool.query({ name: "touch-api-key", text: `UPDATE "ApiKey" SET "lastUsedAt" = now() WHERE id = $1`, values: [row.keyId] });
  }
  return { keyId: row.keyId, user: { id: row.id, email: row.email, name: row.name, image: row.image }, scopes: row.scopes };
}
