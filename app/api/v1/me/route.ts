import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { listOrganizations } from "@/lib/orgs/list-organizations";

// GET /api/v1/me – the caller and their organizations.
export const GET = withAuth(async (_req, { caller }) => {
  const organizations = await listOrganizations({ userId: caller.user.id });
  return json({ user: caller.user, via: caller.via, organizations });
});
