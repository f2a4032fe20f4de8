import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { MembershipRoleName } from "@/lib/orgs/org-schemas";

export interface GetMembershipOptions {
  userId: string;
  orgId: string;
  /** Roles allowed to do the thing; omitted → any member. */
  roles?: readonly MembershipRoleName[];
  /** What a member without the role is told (403); default: which roles may. */
  forbiddenMessage?: string;
  /** A transaction to read in (after its locks, the role read is the one the transaction acts on). */
  client?: Prisma.TransactionClient;
}

/**
 * The caller's membership of an organization. A non-member learns nothing, not even that the organization exists
 * (404); a member without the needed role gets 403.
 */
export async function getMembershipOrThrow({ userId, orgId, roles, forbiddenMessage, client = db }: GetMembershipOptions) {
  const membership = await client.membership.findUnique({ where: { orgId_userId: { orgId, userId } } });
  if (!membership) throw new AppError("not_found", "Organization not found");
  if (roles && !roles.includes(membership.role)) {
    throw new AppError("forbidden", forbiddenMessage ?? `Only ${roles.join(" or ")} members can do this`);
  }
  return membership;
}
