import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { toInvitationDto } from "@/lib/invitations/invitation-dto";
import { invitationUrl } from "@/lib/invitations/invitation-url";
import { hashInvitationToken, newInvitationToken } from "@/lib/invitations/hash-invitation-token";
import { requireInvitationManager } from "@/lib/invitations/require-invitation-manager";
import { createInvitationSchema, type CreateInvitationInput, type CreatedInvitationDto } from "@/lib/invitations/invitation-schemas";

/** Open invitations one organization may have at once (a runaway script should not fill the table). */
const MAX_OPEN_INVITATIONS = 200;

export interface CreateInvitationOptions {
  userId: string;
  orgId: string;
  input: CreateInvitationInput;
}

/**
 * An invitation link to join an organization with a role, for one email, single use, expiring (7 days unless said
 * otherwise). The response carries the link once; only the token's hash is stored. A new invitation for the same
 * person replaces their previous link.
 */
export async function createInvitation({ userId, orgId, input }: CreateInvitationOptions): Promise<CreatedInvitationDto> {
  const { email, role, expiresInDays } = createInvitationSchema.parse(input);
  const manager = await requireInvitationManager({ userId, orgId });
  if (role === "owner" && manager.role !== "owner" && !manager.isInstanceAdmin) {
    throw new AppError("forbidden", "Only owners can invite owners");
  }
  const invitee = await db.user.findUnique({ where: { email }, select: { memberships: { where: { orgId }, select: { id: true } } } });
  if (invitee?.memberships.length) {
    throw new AppError("conflict", `${email} is already a member`, { fields: { email: [`${email} is already a member`] } });
  }
  // While sign-up is closed only an instance admin's invitation creates an account; say so now, not at the door.
  if (!invitee && getEnv().SIGNUP === "closed" && !manager.isInstanceAdmin) {
    const message = "Sign-up is closed on this server: only an instance admin can invite someone without an account";
    throw new AppError("forbidden", message, { fields: { email: [message] } });
  }

  const token = newInvitationToken();
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { orgId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const open = await tx.invitation.count({ where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } });
    if (open >= MAX_OPEN_INVITATIONS) {
      throw new AppError("conflict", `This organization already has ${MAX_OPEN_INVITATIONS} open invitations; withdraw some first`);
    }
    return tx.invitation.create({
      data: { orgId, email, role, tokenHash: hashInvitationToken(token), invitedById: userId, expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000) },
      include: { invitedBy: { select: { name: true } } },
    });
  });
  return { ...toInvitationDto(row, now), token, url: invitationUrl(token) };
}
