"use client";

import { useState, type FormEvent } from "react";
import { addMemberSchema, MEMBERSHIP_ROLES } from "@/lib/orgs/org-schemas";
import { useAddMember } from "@/hooks/api/use-organizations";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLE_LABELS } from "./role-labels";

export function AddMemberForm({ orgId, canAddOwners }: { orgId: string; canAddOwners: boolean }) {
  const addMember = useAddMember(orgId);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [added, setAdded] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = addMemberSchema.safeParse({ email: data.get("email"), role: data.get("role") });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    addMember.mutate(parsed.data, {
      onSuccess: (member) => {
        form.reset();
        setAdded(`${member.name} (${member.email}) was added.`);
      },
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Add member by email" className="space-y-2 rounded-md bg-zinc-50 p-3">
      <p className="text-xs font-medium text-zinc-700">Add member by email</p>
      <ApiErrorAlert error={addMember.error} shownFields={["email", "role"]} />
      {added ? <Alert tone="success">{added}</Alert> : null}
      <div className="flex flex-wrap items-start gap-2">
        <Field label="Email" error={fields.email} hint="They need an OmoiOS account already." className="min-w-48 flex-1">
          {(control) => <Input {...control} name="email" type="email" autoComplete="off" placeholder="teammate@example.com" />}
        </Field>
        <Field label="Role" error={fields.role} className="w-32">
          {(control) => (
            <Select {...control} name="role" defaultValue="member">
              {MEMBERSHIP_ROLES.filter((role) => role !== "owner" || canAddOwners).map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" loading={addMember.isPending} className="mt-5">
          Add member
        </Button>
      </div>
    </form>
  );
}
