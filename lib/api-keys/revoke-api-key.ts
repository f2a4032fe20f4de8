import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { toApiKeyDto } from "@/lib/api-keys/api-key-dto";
import type { ApiKeyDto } from "@/lib/api-keys/api-key-schemas";

/**
 * Revokes one of the caller's keys and every key made with it, at any depth (a key made with a key dies with it);
 * someone else's key is "not found". Revoking twice keeps the first time (its descendants were revoked then).
 */
export async function revokeApiKey({ userId, keyId }: { userId: string; keyId: string }): Promise<ApiKeyDto> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, userId } });
  if (!key) throw new AppError("not_found", "API key not found");
  if (key.revokedAt) return toApiKeyDto(key);
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    // The key's own row first: a child being created under it holds a share lock on it, so this waits for that child
    // to be written; the sweep below is a later statement and sees it.
    await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt } });
    // Each pass sees what committed before it began; repeat until a pass finds nothing new (a grandchild written
    // while the previous pass waited on its parent's lock).
    for (;;) {
      const swept = await tx.$executeRaw`
        WITH RECURSIVE descendants AS (
          SELECT id FROM "ApiKey" WHERE "parentKeyId" = ${key.id}
          UNION
          SELECT child.id FROM "ApiKey" child JOIN descendants d ON child."parentKeyId" = d.id
        )
        UPDATE "ApiKey" SET "revokedAt" = ${revokedAt}
        WHERE id IN (SELECT id FROM descendants) AND "revokedAt" IS NULL`;
      if (swept === 0) break;
    }
  });
  return toApiKeyDto({ ...key, revokedAt });
}
