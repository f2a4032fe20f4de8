import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { requireInvitationManager } from "@/lib/invitations/require-invitation-manager";

export interface RevokeInvitationOptions {
  userId: string;
  orgId: string;
  invitationId: string;
}

/** Withdraws an invitation: its link stops working at once. Withdrawing twice is fine; a used one is history (409). */
export async function revokeInvitation({ userId, orgId, invitationId }: RevokeInvitationOptions): Promise<void> {
  await requireInvitationManager({ userId, orgId });
  // One conditional statement, so a link being accepted right now is either used or withdrawn, never both.
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, orgId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 1) return;
  const row = await db.invitation.findFirst({ where: { id: invitationId, orgId }, select: { acceptedAt: true } });
  if (!row) throw new AppError("not_found", "Invitation not found");
  if (row.acceptedAt) throw new AppError("conflict", "This invitation was already used");
}
