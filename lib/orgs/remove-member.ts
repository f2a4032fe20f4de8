import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { lockOrgOwners } from "@/lib/orgs/lock-org-owners";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { ADMIN_ROLES } from "@/lib/orgs/org-schemas";

export interface RemoveMemberOptions {
  userId: string;
  orgId: string;
  memberUserId: string;
}

/** Removes a member; anyone may leave, admins remove others, only owners remove owners, the last owner stays. */
export async function removeMember({ userId, orgId, memberUserId }: RemoveMemberOptions): Promise<void> {
  const roles = userId === memberUserId ? undefined : ADMIN_ROLES;
  await getMembershipOrThrow({ userId, orgId, roles });
  await db.$transaction(async (tx) => {
    // Locked before the actor and the target are read, so what is checked below is what the delete acts on (an owner
    // demoted meanwhile no longer acts as one).
    const owners = await lockOrgOwners(tx, orgId);
    const actor = await getMembershipOrThrow({ userId, orgId, roles, client: tx });
    const target = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: memberUserId } } });
    if (!target) throw new AppError("not_found", "Member not found");
    if (target.role === "owner") {
      if (actor.role !== "owner") throw new AppError("forbidden", "Only owners can remove owners");
      if (owners <= 1) throw new AppError("conflict", "An organization needs at least one owner");
    }
    await tx.membership.delete({ where: { id: target.id } });
  });
}
