"use client";

import { useId, useState } from "react";
import type { InvitationDto } from "@/lib/invitations/invitation-schemas";
import type { OrganizationDto } from "@/lib/orgs/org-schemas";
import { useInvitations, useRevokeInvitation } from "@/hooks/api/use-invitations";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingBlock } from "@/components/ui/spinner";
import { formatDate } from "./format";
import { InviteMemberForm } from "./invite-member-form";
import { ROLE_LABELS } from "./role-labels";

/** Pending invitations of an organization, with create and withdraw (owners and admins; the API decides). */
export function OrgInvitations({ org }: { org: OrganizationDto }) {
  const invitations = useInvitations(org.id);
  const revoke = useRevokeInvitation(org.id);
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
        Pending invitations
      </h3>
      {invitations.isPending ? (
        <LoadingBlock label="Loading invitations…" />
      ) : invitations.isError ? (
        <ApiErrorAlert error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <p className="text-sm text-zinc-500">No pending invitations.</p>
      ) : (
        <ul aria-label={`Pending invitations to ${org.name}`} className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p id={`invitation-${invitation.id}`} className="truncate text-sm font-medium text-zinc-900">
                  {invitation.email}
                </p>
                <p className="text-xs text-zinc-500">
                  {ROLE_LABELS[invitation.role]}
                  {invitation.invitedByName ? ` · invited by ${invitation.invitedByName}` : ""} ·{" "}
                  {invitation.status === "expired" ? `expired ${formatDate(invitation.expiresAt)}` : `expires ${formatDate(invitation.expiresAt)}`}
                </p>
              </div>
              {invitation.status === "expired" ? <Badge tone="warning">Expired</Badge> : <Badge tone="accent">Pending</Badge>}
              <Button variant="danger-ghost" size="sm" aria-describedby={`invitation-${invitation.id}`} onClick={() => setRevoking(invitation)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <InviteMemberForm orgId={org.id} canInviteOwners={org.role === "owner"} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ""}?`}
        description="The link stops working at once. You can invite them again later."
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  );
}
