import { parseParams, parseQuery } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { exportSpec } from "@/lib/specs/export-spec";
import { exportSpecQuerySchema, specParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId}/export?format=markdown|json – the spec as a downloadable document.
export const GET = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const { format } = parseQuery(req, exportSpecQuerySchema);
  const file = await exportSpec({ userId: caller.user.id, specId, format });
  return new Response(file.body, {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
  });
});
