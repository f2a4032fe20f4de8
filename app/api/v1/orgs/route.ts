import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { createOrganization } from "@/lib/orgs/create-organization";
import { listOrganizations } from "@/lib/orgs/list-organizations";
import { createOrganizationSchema } from "@/lib/orgs/org-schemas";

// GET /api/v1/orgs – organizations the caller belongs to.
export const GET = withAuth(async (_req, { caller }) => json({ organizations: await listOrganizations({ userId: caller.user.id }) }));

// POST /api/v1/orgs – create a team organization owned by the caller.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, createOrganizationSchema);
  return json({ organization: await createOrganization({ userId: caller.user.id, input }) }, 201);
});
