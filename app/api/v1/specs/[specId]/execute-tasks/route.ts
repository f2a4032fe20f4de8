import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { executeSpecTasksSchema, specParamsSchema } from "@/lib/specs/spec-schemas";
import { executeSpecTasks } from "@/lib/tickets/execute-spec-tasks";

// POST /api/v1/specs/{specId}/execute-tasks {specTaskIds?} – tickets for the spec's tasks (idempotent) and run them.
export const POST = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const { specTaskIds } = await parseJsonBody(req, executeSpecTasksSchema);
  return json(await executeSpecTasks({ userId: caller.user.id, specId, specTaskIds }));
});
