import { z } from "zod";

/** `read` allows GET/HEAD; `write` allows every other method. */
export const API_KEY_SCOPES = ["read", "write"] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const API_KEY_PREFIX = "omoi_";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key").max(100),
  scopes: z.array(apiKeyScopeSchema).min(1, "Pick at least one scope").default(["read", "write"]),
  /** Days until the key expires; omitted → never. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

/** Only the create response carries the key itself, once. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;
