import { eventBatchSchema, MAX_EVENT_BATCH_BYTES } from "@/lib/events/event-schemas";
import { eventPageQuerySchema, listEvents } from "@/lib/events/list-events";
import { receiveSandboxEvents } from "@/lib/sandbox/receive-sandbox-events";
import { parseJsonBody, parseParams, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { withSandboxAuth } from "@/lib/routes/with-sandbox-auth";
import { getSandboxForMemberOrThrow } from "@/lib/sandbox/get-sandbox-for-member-or-throw";
import { sandboxParamsSchema } from "@/lib/specs/sandbox-context-schema";

type Params = { id: string };

// POST /api/v1/sandboxes/{id}/events – a batch of the sandbox's events (sandbox token only). Idempotent per client
// event id; all or nothing: one invalid event → 422 and nothing stored. Spec events also update the spec's state.
export const POST = withSandboxAuth<Params>(async (req, { sandbox }) => {
  const { events } = await parseJsonBody(req, eventBatchSchema, { limit: MAX_EVENT_BATCH_BYTES, nul: "replace" });
  return json(await receiveSandboxEvents(sandbox, events));
});

// GET /api/v1/sandboxes/{id}/events?after=&limit= – the sandbox's events for members of its project.
export const GET = withAuth<Params>(async (req, { caller, params }) => {
  const { id } = parseParams(params, sandboxParamsSchema);
  const page = parseQuery(req, eventPageQuerySchema);
  await getSandboxForMemberOrThrow({ userId: caller.user.id, sandboxId: id });
  return json(await listEvents({ sandboxId: id }, page));
});
