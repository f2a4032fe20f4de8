import { db } from "@/lib/db/client";
import { hashInvitationToken } from "@/lib/invitations/hash-invitation-token";
import type { InvitationPreviewDto } from "@/lib/invitations/invitation-schemas";

/** What the invitation page shows for a link's token, or null for a token that is no invitation. */
export async function getInvitationPreview({ token }: { token: string }): Promise<InvitationPreviewDto | null> {
  if (!token || token.length > 200) return null;
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { org: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!row) return null;
  const hasAccount = Boolean(await db.user.findUnique({ where: { email: row.email }, select: { id: true } }));
  const status = row.acceptedAt ? "accepted" : row.revokedAt ? "revoked" : row.expiresAt <= new Date() ? "expired" : "pending";
  return { status, orgName: row.org.name, email: row.email, role: row.role, invitedByName: row.invitedBy?.name ?? null, hasAccount };
}
