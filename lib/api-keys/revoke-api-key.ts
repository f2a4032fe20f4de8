import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { toApiKeyDto } from "@/lib/api-keys/api-key-dto";
import type { ApiKeyDto } from "@/lib/api-keys/api-key-schemas";

/** Revokes one of the caller's keys; someone else's key is "not found". Revoking twice keeps the first time. */
export async function revokeApiKey({ userId, keyId }: { userId: string; keyId: string }): Promise<ApiKeyDto> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, userId } });
  if (!key) throw new AppError("not_found", "API key not found");
  if (key.revokedAt) return toApiKeyDto(key);
  return toApiKeyDto(await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } }));
}
