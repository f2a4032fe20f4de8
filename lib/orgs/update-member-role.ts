import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { lockOrgOwners } from "@/lib/orgs/lock-org-owners";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { ADMIN_ROLES } from "@/lib/orgs/org-schemas";
import type { MemberDto, UpdateMemberInput } from "@/lib/orgs/org-schemas";

export interface UpdateMemberRoleOptions {
  userId: string;
  orgId: string;
  memberUserId: string;
  input: UpdateMemberInput;
}

/** Changes a member's role. Only owners grant or take away ownership; an organization always keeps an owner. */
export async function updateMemberRole({ userId, orgId, memberUserId, input }: UpdateMemberRoleOptions): Promise<MemberDto> {
  await getMembershipOrThrow({ userId, orgId, roles: ADMIN_ROLES });
  return db.$transaction(async (tx) => {
    // Locked before the actor and the target are read, so what is checked below is what the update acts on (an owner
    // demoted meanwhile no longer acts as one).
    const owners = await lockOrgOwners(tx, orgId);
    const actor = await getMembershipOrThrow({ userId, orgId, roles: ADMIN_ROLES, client: tx });
    const target = await tx.membership.findUnique({
      where: { orgId_userId: { orgId, userId: memberUserId } },
      include: { user: { select: { email: true, name: true } } },
    });
    if (!target) throw new AppError("not_found", "Member not found");
    if ((target.role === "owner" || input.role === "owner") && actor.role !== "owner") {
      throw new AppError("forbidden", "Only owners can change ownership");
    }
    if (target.role === "owner" && input.role !== "owner" && owners <= 1) {
      throw new AppError("conflict", "An organization needs at least one owner");
    }
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    return {
      userId: memberUserId,
      email: target.user.email,
      name: target.user.name,
      role: updated.role,
      joinedAt: updated.createdAt.toISOString(),
    };
  });
}
