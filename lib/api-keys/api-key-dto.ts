import type { ApiKey } from "@/lib/generated/prisma/client";
import type { ApiKeyDto } from "@/lib/api-keys/api-key-schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    lastUsedAt: iso(key.lastUsedAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    createdAt: key.createdAt.toISOString(),
  };
}
