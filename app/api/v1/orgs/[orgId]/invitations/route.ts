import { json } from "@/lib/http/respond";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { createInvitationSchema } from "@/lib/invitations/invitation-schemas";
import { orgParamsSchema } from "@/lib/orgs/org-schemas";

// GET /api/v1/orgs/{orgId}/invitations – open invitations (owners, admins, instance admins).
export const GET = withAuth<{ orgId: string }>(async (_req, { caller, params }) => {
  const { orgId } = parseParams(params, orgParamsSchema);
  return json({ invitations: await listInvitations({ userId: caller.user.id, orgId }) });
});

// POST /api/v1/orgs/{orgId}/invitations – create an invitation link; the response carries it once.
export const POST = withAuth<{ orgId: string }>(async (req, { caller, params }) => {
  const { orgId } = parseParams(params, orgParamsSchema);
  const input = await parseJsonBody(req, createInvitationSchema);
  return json({ invitation: await createInvitation({ userId: caller.user.id, orgId, input }) }, 201);
});
