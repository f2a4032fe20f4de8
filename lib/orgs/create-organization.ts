import { db } from "@/lib/db/client";
import { orgSlug } from "@/lib/users/org-slug";
import type { CreateOrganizationInput, OrganizationDto } from "@/lib/orgs/org-schemas";

/** Creates a team organization owned by the caller. */
export async function createOrganization({ userId, input }: { userId: string; input: CreateOrganizationInput }): Promise<OrganizationDto> {
  const org = await db.organization.create({
    data: { name: input.name, slug: orgSlug(input.name), memberships: { create: { userId, role: "owner" } } },
  });
  return { id: org.id, name: org.name, slug: org.slug, personal: org.personal, role: "owner", createdAt: org.createdAt.toISOString() };
}
