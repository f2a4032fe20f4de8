import crypto from "node:crypto";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { toApiKeyDto } from "@/lib/api-keys/api-key-dto";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { API_KEY_PREFIX, createApiKeySchema, type CreateApiKeyInput, type CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";

const MAX_ACTIVE_KEYS = 50;

export interface CreateApiKeyOptions {
  userId: string;
  input: CreateApiKeyInput;
  /** The API key making the request, when it is one: the new key becomes its child (null: a signed-in session). */
  parentKeyId?: string | null;
}

/**
 * Creates a key and returns it in full this one time; only its sha256 is stored. A key made with a key is bound to
 * it: no scope it lacks, an expiry no later than its own, and it is revoked with it (lib/api-keys/revoke-api-key.ts).
 */
export async function createApiKey({ userId, input, parentKeyId }: CreateApiKeyOptions): Promise<CreatedApiKeyDto> {
  const { name, scopes, expiresInDays } = createApiKeySchema.parse(input);
  const key = `${API_KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const requestedExpiry = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;

  const row = await db.$transaction(async (tx) => {
    const parent = parentKeyId ? await lockParentKey(tx, userId, parentKeyId) : null;
    if (parent) {
      const missing = scopes.filter((scope) => !parent.scopes.includes(scope));
      if (missing.length) throw new AppError("forbidden", `This API key cannot grant the scope${missing.length > 1 ? "s" : ""} it lacks: ${missing.join(", ")}`);
    }
    const active = await tx.apiKey.count({ where: { userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_KEYS) {
      throw new AppError("conflict", `You already have ${MAX_ACTIVE_KEYS} active keys; revoke one first`);
    }
    const expiresAt = [requestedExpiry, parent?.expiresAt ?? null]
      .filter((date): date is Date => date !== null)
      .reduce<Date | null>((earliest, date) => (earliest && earliest <= date ? earliest : date), null);
    return tx.apiKey.create({
      data: {
        userId,
        name,
        scopes: [...new Set(scopes)],
        prefix: key.slice(0, API_KEY_PREFIX.length + 8),
        keyHash: hashApiKey(key),
        expiresAt,
        parentKeyId: parent?.id ?? null,
      },
    });
  });
  return { ...toApiKeyDto(row), key };
}

/**
 * The parent key, share-locked until the child is written: a revocation of the parent (which updates its row) waits
 * for this transaction and then sweeps the new child too — or commits first, and the parent is seen revoked here.
 */
async function lockParentKey(tx: Prisma.TransactionClient, userId: string, parentKeyId: string) {
  const [parent] = await tx.$queryRaw<{ id: string; scopes: string[]; expiresAt: Date | null; revokedAt: Date | null }[]>`
    SELECT id, scopes::text[] AS scopes, "expiresAt", "revokedAt" FROM "ApiKey"
    WHERE id = ${parentKeyId} AND "userId" = ${userId} FOR SHARE`;
  if (!parent || parent.revokedAt || (parent.expiresAt && parent.expiresAt <= new Date())) {
    throw new AppError("unauthorized", "Invalid, revoked or expired API key");
  }
  return parent;
}
