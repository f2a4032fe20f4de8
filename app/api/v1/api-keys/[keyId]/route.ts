import { z } from "zod";
import { json } from "@/lib/http/respond";
import { parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

// DELETE /api/v1/api-keys/{keyId} – revoke one of the caller's keys.
export const DELETE = withAuth<{ keyId: string }>(async (_req, { caller, params }) => {
  const { keyId } = parseParams(params, z.object({ keyId: z.string().min(1).max(64) }));
  return json({ apiKey: await revokeApiKey({ userId: caller.user.id, keyId }) });
});
