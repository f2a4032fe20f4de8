import { noContent } from "@/lib/http/respond";
import { parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { invitationParamsSchema } from "@/lib/invitations/invitation-schemas";

// DELETE /api/v1/orgs/{orgId}/invitations/{invitationId} – withdraw an invitation; its link stops working.
export const DELETE = withAuth<{ orgId: string; invitationId: string }>(async (_req, { caller, params }) => {
  const { orgId, invitationId } = parseParams(params, invitationParamsSchema);
  await revokeInvitation({ userId: caller.user.id, orgId, invitationId });
  return noContent();
});
