import { json } from "@/lib/http/respond";
import { parseJsonBody, parseParams } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { addMember } from "@/lib/orgs/add-member";
import { listMembers } from "@/lib/orgs/list-members";
import { addMemberSchema, orgParamsSchema } from "@/lib/orgs/org-schemas";

// GET /api/v1/orgs/{orgId}/members – members of an organization (members only).
export const GET = withAuth<{ orgId: string }>(async (_req, { caller, params }) => {
  const { orgId } = parseParams(params, orgParamsSchema);
  return json({ members: await listMembers({ userId: caller.user.id, orgId }) });
});

// POST /api/v1/orgs/{orgId}/members – add an existing user by email (owners and admins).
export const POST = withAuth<{ orgId: string }>(async (req, { caller, params }) => {
  const { orgId } = parseParams(params, orgParamsSchema);
  const input = await parseJsonBody(req, addMemberSchema);
  return json({ member: await addMember({ userId: caller.user.id, orgId, input }) }, 201);
});
