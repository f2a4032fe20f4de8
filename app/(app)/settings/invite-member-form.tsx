"use client";

import { useState, type FormEvent } from "react";
import { createInvitationSchema, INVITATION_DEFAULT_DAYS, type CreatedInvitationDto } from "@/lib/invitations/invitation-schemas";
import { MEMBERSHIP_ROLES } from "@/lib/orgs/org-schemas";
import { useCreateInvitation } from "@/hooks/api/use-invitations";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { NewInvitationLink } from "./new-invitation-link";
import { ROLE_LABELS } from "./role-labels";

const FIELDS = ["email", "role", "expiresInDays"] as const;
const EXPIRY_DAYS = [1, 3, INVITATION_DEFAULT_DAYS, 14, 30];

export function InviteMemberForm({ orgId, canInviteOwners }: { orgId: string; canInviteOwners: boolean }) {
  const createInvitation = useCreateInvitation(orgId);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  // The link is held only here, only until dismissed: the API never returns it again.
  const [created, setCreated] = useState<CreatedInvitationDto | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { email: data.get("email"), role: data.get("role"), expiresInDays: Number(data.get("expiresInDays")) };
    const parsed = createInvitationSchema.safeParse(input);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setCreated(null);
    createInvitation.mutate(parsed.data, {
      onSuccess: (invitation) => {
        form.reset();
        setCreated(invitation);
      },
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <div className="space-y-2 rounded-md bg-zinc-50 p-3">
      <form noValidate onSubmit={onSubmit} aria-label="Invite by link" className="space-y-2">
        <p className="text-xs font-medium text-zinc-700">Invite by link</p>
        <ApiErrorAlert error={createInvitation.error} shownFields={FIELDS} />
        <div className="flex flex-wrap items-start gap-2">
          <Field label="Email" error={fields.email} hint="A single-use link for this person; they join with this email." className="min-w-48 flex-1">
            {(control) => <Input {...control} name="email" type="email" autoComplete="off" placeholder="newcomer@example.com" />}
          </Field>
          <Field label="Role" error={fields.role} className="w-28">
            {(control) => (
              <Select {...control} name="role" defaultValue="member">
                {MEMBERSHIP_ROLES.filter((role) => role !== "owner" || canInviteOwners).map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Expires" error={fields.expiresInDays} className="w-28">
            {(control) => (
              <Select {...control} name="expiresInDays" defaultValue={String(INVITATION_DEFAULT_DAYS)}>
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days === 1 ? "In 1 day" : `In ${days} days`}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" loading={createInvitation.isPending} className="mt-5">
            Create link
          </Button>
        </div>
      </form>
      {created ? <NewInvitationLink invitation={created} onDismiss={() => setCreated(null)} /> : null}
    </div>
  );
}
