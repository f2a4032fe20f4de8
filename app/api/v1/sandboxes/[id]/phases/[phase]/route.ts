import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withSandboxAuth } from "@/lib/routes/with-sandbox-auth";
import { checkpointSchema, phaseParamsSchema } from "@/lib/specs/sandbox-context-schema";
import { saveCheckpoint } from "@/lib/specs/save-checkpoint";

// PUT /api/v1/sandboxes/{id}/phases/{phase} – store a passed phase output as the spec's checkpoint (sandbox token).
export const PUT = withSandboxAuth<{ id: string; phase: string }>(async (req, { sandbox, params }) => {
  const { phase } = parseParams(params, phaseParamsSchema);
  const input = await parseJsonBody(req, checkpointSchema, { limit: 2 * 1024 * 1024 });
  return json(await saveCheckpoint(sandbox, phase, input));
});
