import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { MembershipRoleName } from "@/lib/orgs/org-schemas";

export interface InvitationManager {
  /** The caller's role in the organization (null: an instance admin who is not a member). */
  role: MembershipRoleName | null;
  isInstanceAdmin: boolean;
}

/**
 * Who may invite to an organization, see its invitations and withdraw them: its owners and admins, and the instance
 * admins (who run the server, and are the only way in while SIGNUP=closed). Others learn nothing: members get 403,
 * everyone else 404 as for any resource of an organization they are not in.
 */
export async function requireInvitationManager({ userId, orgId }: { userId: string; orgId: string }): Promise<InvitationManager> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { isInstanceAdmin: true, memberships: { where: { orgId }, select: { role: true } } },
  });
  const role = user?.memberships[0]?.role ?? null;
  if (user?.isInstanceAdmin) {
    if (!role && !(await db.organization.findUnique({ where: { id: orgId }, select: { id: true } }))) {
      throw new AppError("not_found", "Organization not found");
    }
    return { role, isInstanceAdmin: true };
  }
  if (!role) throw new AppError("not_found", "Organization not found");
  if (role === "member") throw new AppError("forbidden", "Only owners and admins can manage invitations");
  return { role, isInstanceAdmin: false };
}
