import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { toApiKeyDto } from "@/lib/api-keys/api-key-dto";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { API_KEY_PREFIX, createApiKeySchema, type CreateApiKeyInput, type CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";

const MAX_ACTIVE_KEYS = 50;

export interface CreateApiKeyOptions {
  userId: string;
  input: CreateApiKeyInput;
}

/** Creates a key and returns it in full this one time; only its sha256 is stored. */
export async function createApiKey({ userId, input }: CreateApiKeyOptions): Promise<CreatedApiKeyDto> {
  const { name, scopes, expiresInDays } = createApiKeySchema.parse(input);
  const active = await db.apiKey.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_KEYS) {
    throw new AppError("conflict", `You already have ${MAX_ACTIVE_KEYS} active keys; revoke one first`);
  }
  const key = `${API_KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: {
      userId,
      name,
      scopes: [...new Set(scopes)],
      prefix: key.slice(0, API_KEY_PREFIX.length + 8),
      keyHash: hashApiKey(key),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
    },
  });
  return { ...toApiKeyDto(row), key };
}
