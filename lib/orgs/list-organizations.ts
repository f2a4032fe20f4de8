import { db } from "@/lib/db/client";
import type { OrganizationDto } from "@/lib/orgs/org-schemas";

/** Organizations the user belongs to, personal first. */
export async function listOrganizations({ userId }: { userId: string }): Promise<OrganizationDto[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { org: true },
    orderBy: [{ org: { personal: "desc" } }, { org: { createdAt: "asc" } }],
  });
  return memberships.map(({ org, role }) => ({
    id: org.id,
    name: org.name,
    slug: org.slug,
    personal: org.personal,
    role,
    createdAt: org.createdAt.toISOString(),
  }));
}
