import { db } from "@/lib/db/client";
import { toApiKeyDto } from "@/lib/api-keys/api-key-dto";
import type { ApiKeyDto } from "@/lib/api-keys/api-key-schemas";

export async function listApiKeys({ userId }: { userId: string }): Promise<ApiKeyDto[]> {
  const rows = await db.apiKey.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toApiKeyDto);
}
