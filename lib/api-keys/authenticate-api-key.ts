import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import type { UserDto } from "@/lib/users/user-schemas";

/** lastUsedAt is a hint for the settings page; writing it at most once a minute keeps reads read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(key: string): Promise<{ user: UserDto; scopes: ApiKeyScope[] }> {
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    include: { user: { select: { id: true, email: true, name: true, image: true } } },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) {
    throw new AppError("unauthorized", "Invalid, revoked or expired API key");
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { user: row.user, scopes: row.scopes as ApiKeyScope[] };
}
