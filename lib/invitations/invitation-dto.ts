import type { Invitation } from "@/lib/generated/prisma/client";
import type { InvitationDto } from "@/lib/invitations/invitation-schemas";

export function toInvitationDto(row: Invitation & { invitedBy: { name: string } | null }, now = new Date()): InvitationDto {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    role: row.role,
    status: row.expiresAt > now ? "pending" : "expired",
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    invitedByName: row.invitedBy?.name ?? null,
  };
}
