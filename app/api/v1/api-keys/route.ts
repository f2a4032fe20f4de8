import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";

// GET /api/v1/api-keys – the caller's keys (never the keys themselves).
export const GET = withAuth(async (_req, { caller }) => json({ apiKeys: await listApiKeys({ userId: caller.user.id }) }));

// POST /api/v1/api-keys – create a key; the response carries it once. A key made with a key is its child.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createApiKeySchema);
  return json({ apiKey: await createApiKey({ userId: caller.user.id, input, parentKeyId: caller.keyId ?? null }) }, 201);
});
