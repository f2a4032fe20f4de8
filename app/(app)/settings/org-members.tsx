"use client";

import { useId, useState } from "react";
import { MEMBERSHIP_ROLES, type MemberDto, type MembershipRoleName, type OrganizationDto } from "@/lib/orgs/org-schemas";
import { useMe, useMembers, useRemoveMember, useUpdateMemberRole } from "@/hooks/api/use-organizations";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/select";
import { LoadingBlock } from "@/components/ui/spinner";
import { AddMemberForm } from "./add-member-form";
import { OrgInvitations } from "./org-invitations";
import { ROLE_LABELS } from "./role-labels";

export function OrgMembers({ org }: { org: OrganizationDto }) {
  const members = useMembers(org.id);
  const me = useMe();
  const updateRole = useUpdateMemberRole(org.id);
  const removeMember = useRemoveMember(org.id);
  const [removing, setRemoving] = useState<MemberDto | null>(null);
  const headingId = useId();

  const myId = me.data?.user.id;
  const isOwner = org.role === "owner";
  const canManage = isOwner || org.role === "admin";
  // Mirrors the API's rules so people are not offered what would be refused; the API still decides.
  const canTouch = (member: MemberDto) => canManage && member.userId !== myId && (member.role !== "owner" || isOwner);
  const roleChoices = MEMBERSHIP_ROLES.filter((role) => role !== "owner" || isOwner);

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
        Members of {org.name}
      </h3>
      <ApiErrorAlert error={updateRole.error} />
      {members.isPending ? (
        <LoadingBlock label="Loading members…" />
      ) : members.isError ? (
        <ApiErrorAlert error={members.error} />
      ) : (
        <ul aria-label={`Members of ${org.name}`} className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {members.data.map((member) => (
            <li key={member.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-zinc-900">
                  {member.name}
                  {member.userId === myId ? <span className="font-normal text-zinc-500"> (you)</span> : null}
                </p>
                <p className="truncate text-xs text-zinc-500">{member.email}</p>
              </div>
              {canTouch(member) ? (
                <>
                  <div className="w-32">
                    <Select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={updateRole.isPending && updateRole.variables?.userId === member.userId}
                      onChange={(event) => updateRole.mutate({ userId: member.userId, role: event.target.value as MembershipRoleName })}
                    >
                      {roleChoices.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <Button variant="danger-ghost" size="sm" onClick={() => setRemoving(member)}>
                    Remove
                  </Button>
                </>
              ) : (
                <Badge tone={member.role === "member" ? "neutral" : "accent"}>{ROLE_LABELS[member.role]}</Badge>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage ? <AddMemberForm orgId={org.id} canAddOwners={isOwner} /> : null}
      {canManage ? <OrgInvitations org={org} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ""} from ${org.name}?`}
        description="They lose access to the organization's projects at once. You can add them again later."
        confirmLabel="Remove member"
        pending={removeMember.isPending}
        error={removeMember.error}
        onCancel={() => {
          setRemoving(null);
          removeMember.reset();
        }}
        onConfirm={() => removing && removeMember.mutate(removing.userId, { onSuccess: () => setRemoving(null) })}
      />
    </section>
  );
}
