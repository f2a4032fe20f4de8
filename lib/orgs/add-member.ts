import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import { ADMIN_ROLES } from "@/lib/orgs/org-schemas";
import { addMemberSchema, type AddMemberInput, type MemberDto } from "@/lib/orgs/org-schemas";

export interface AddMemberOptions {
  userId: string;
  orgId: string;
  input: AddMemberInput;
}

/** Adds an existing user (by email) to an organization. Owners and admins only; only owners make owners. */
export async function addMember({ userId, orgId, input }: AddMemberOptions): Promise<MemberDto> {
  const { email, role } = addMemberSchema.parse(input);
  const actor = await getMembershipOrThrow({ userId, orgId, roles: ADMIN_ROLES });
  if (role === "owner" && actor.role !== "owner") throw new AppError("forbidden", "Only owners can add owners");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) {
    throw new AppError("validation_failed", "No user with this email; ask them to sign up first", {
      fields: { email: ["No user with this email; ask them to sign up first"] },
    });
  }
  const existing = await db.membership.findUnique({ where: { orgId_userId: { orgId, userId: user.id } } });
  if (existing) throw new AppError("conflict", `${email} is already a member`);
  const membership = await db.membership.create({ data: { orgId, userId: user.id, role } });
  return { userId: user.id, email: user.email, name: user.name, role, joinedAt: membership.createdAt.toISOString() };
}
