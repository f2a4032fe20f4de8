import { json, noContent } from "@/lib/http/respond";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { removeMember } from "@/lib/orgs/remove-member";
import { updateMemberRole } from "@/lib/orgs/update-member-role";
import { memberParamsSchema, updateMemberSchema } from "@/lib/orgs/org-schemas";

type Params = { orgId: string; userId: string };

// PATCH /api/v1/orgs/{orgId}/members/{userId} – change a member's role.
export const PATCH = withAuth<Params>(async (req, { caller, params }) => {
  const { orgId, userId } = parseParams(params, memberParamsSchema);
  const input = await parseJsonBody(req, updateMemberSchema);
  return json({ member: await updateMemberRole({ userId: caller.user.id, orgId, memberUserId: userId, input }) });
});

// DELETE /api/v1/orgs/{orgId}/members/{userId} – remove a member (or leave).
export const DELETE = withAuth<Params>(async (_req, { caller, params }) => {
  const { orgId, userId } = parseParams(params, memberParamsSchema);
  await removeMember({ userId: caller.user.id, orgId, memberUserId: userId });
  return noContent();
});
