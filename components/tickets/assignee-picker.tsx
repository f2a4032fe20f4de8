"use client";

import { useId } from "react";
import { useAssignTicket } from "@/hooks/api/use-assign-ticket";
import { useMe, useMembers } from "@/hooks/api/use-organizations";
import { useProject } from "@/hooks/api/use-projects";
import { errorMessage } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

export interface AssigneePickerProps {
  ticketId: string;
  projectId: string;
  assigneeId: string | null;
}

/**
 * Who works on a ticket: the project's organization members to choose from, "Assign to me" and "Unassign". Only
 * members can be chosen (the server checks it too). Reads the project (for its organization), the members and the
 * caller through their shared query keys, so many pickers on one page cost one request each.
 */
export function AssigneePicker({ ticketId, projectId, assigneeId }: AssigneePickerProps) {
  const id = useId();
  const project = useProject(projectId);
  const members = useMembers(project.data?.orgId);
  const me = useMe();
  const assign = useAssignTicket({ ticketId, projectId });
  const myId = me.data?.user.id;
  const list = members.data ?? [];
  // Someone who has left the organization stays assigned until changed; say so instead of showing a blank choice.
  const formerMember = assigneeId !== null && members.isSuccess && !list.some((m) => m.userId === assigneeId);
  const loading = project.isPending || members.isPending;

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-xs font-medium text-zinc-700">
          Assignee
        </label>
        <Select
          id={id}
          value={assigneeId ?? ""}
          disabled={loading || assign.isPending}
          aria-describedby={assign.isError ? `${id}-error` : undefined}
          onChange={(event) => assign.mutate(event.target.value || null)}
          className="min-w-0 max-w-56"
        >
          <option value="">{loading ? "Loading members…" : "Unassigned"}</option>
          {formerMember ? <option value={assigneeId}>A former member</option> : null}
          {list.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.userId === myId ? `${member.name} (you)` : member.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-wrap gap-2">
        {myId && assigneeId !== myId ? (
          <Button size="sm" variant="secondary" loading={assign.isPending && assign.variables === myId} onClick={() => assign.mutate(myId)}>
            Assign to me
          </Button>
        ) : null}
        {assigneeId ? (
          <Button size="sm" variant="ghost" loading={assign.isPending && assign.variables === null} onClick={() => assign.mutate(null)}>
            Unassign
          </Button>
        ) : null}
      </div>
      {assign.isError ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {errorMessage(assign.error)}
        </p>
      ) : null}
      {members.isError ? <p className="text-xs text-red-700">Could not load the members: {errorMessage(members.error)}</p> : null}
    </div>
  );
}
