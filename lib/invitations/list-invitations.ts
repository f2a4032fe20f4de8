import { db } from "@/lib/db/client";
import { toInvitationDto } from "@/lib/invitations/invitation-dto";
import { requireInvitationManager } from "@/lib/invitations/require-invitation-manager";
import type { InvitationDto } from "@/lib/invitations/invitation-schemas";

/** An organization's open invitations (pending or expired; used and withdrawn ones are history), newest first. */
export async function listInvitations({ userId, orgId }: { userId: string; orgId: string }): Promise<InvitationDto[]> {
  await requireInvitationManager({ userId, orgId });
  const rows = await db.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    include: { invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const now = new Date();
  return rows.map((row) => toInvitationDto(row, now));
}
