"use client";

import type { CreatedInvitationDto } from "@/lib/invitations/invitation-schemas";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { formatDate } from "./format";

export function NewInvitationLink({ invitation, onDismiss }: { invitation: CreatedInvitationDto; onDismiss: () => void }) {
  return (
    <OneTimeSecret
      title={<>Invitation link for {invitation.email}</>}
      hint={<>Send it to them yourself; it works once, until {formatDate(invitation.expiresAt)}, and will not be shown again.</>}
      value={invitation.url}
      noun="link"
      testId="new-invitation-link"
      onDismiss={onDismiss}
    />
  );
}
