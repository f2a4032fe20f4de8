import { eventPageQuerySchema, listEvents } from "@/lib/events/list-events";
import { parseParams, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { getSpecIdForMemberOrThrow } from "@/lib/specs/get-spec-id-for-member-or-throw";
import { specParamsSchema } from "@/lib/specs/spec-schemas";

// GET /api/v1/specs/{specId}/events?after=<seq>&limit= – the spec's timeline (its sandboxes' and tasks' events),
// ascending, at most 500 per page; poll with `after = nextCursor`.
export const GET = withAuth<{ specId: string }>(async (req, { caller, params }) => {
  const { specId } = parseParams(params, specParamsSchema);
  const page = parseQuery(req, eventPageQuerySchema);
  await getSpecIdForMemberOrThrow({ userId: caller.user.id, specId });
  return json(await listEvents({ specId }, page));
});
