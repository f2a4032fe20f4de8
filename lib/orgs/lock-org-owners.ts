import type { Prisma } from "@/lib/db/client";

/**
 * Locks the organization's owner memberships until the transaction ends and returns how many there are. Every change
 * that could leave an organization without an owner takes this lock first, so two at once (owners demoting each
 * other, an owner leaving while another is removed) are serialized: the second waits, and then its locked rows are
 * re-read as committed — a demoted or removed owner no longer counts.
 */
export async function lockOrgOwners(tx: Prisma.TransactionClient, orgId: string): Promise<number> {
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Membership" WHERE "orgId" = ${orgId} AND role = 'owner' ORDER BY id FOR UPDATE`;
  return owners.length;
}
