import { parseJsonBody, parseParams, parseQuery } from "@/lib/http/parse";
import { OMOI_PUSH_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getOmoiSnapshot } from "@/lib/omoi-files/get-omoi-snapshot";
import { omoiPushSchema, omoiSnapshotQuerySchema } from "@/lib/omoi-files/omoi-file-schemas";
import { pushOmoiFiles } from "@/lib/omoi-files/push-omoi-files";
import { projectParamsSchema } from "@/lib/projects/project-schemas";

type Params = { projectId: string };


// GET /api/v1/projects/{projectId}/omoi-sync?specId=|specKey= – the server's side of a `.omoi_os/` folder (pull, diff).
export const GET = withAuth<Params>(async (req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  const query = parseQuery(req, omoiSnapshotQuerySchema);
  return json({ snapshot: await getOmoiSnapshot({ userId: caller.user.id, projectId, ...query }) });
});

// POST /api/v1/projects/{projectId}/omoi-sync – push `.omoi_os/` files (idempotent by file id; `dryRun` writes nothing).
export const POST = withAuth<Params>(async (req, { caller, params }) => {
  const { projectId } = parseParams(params, projectParamsSchema);
  const input = await parseJsonBody(req, omoiPushSchema, { limit: OMOI_PUSH_LIMITS.bodyBytes });
  return json(await pushOmoiFiles({ userId: caller.user.id, projectId, input }));
});
