"use client";

import { useState, type FormEvent } from "react";
import { createProjectSchema, type CreateProjectInput } from "@/lib/projects/project-schemas";
import { useCreateProject } from "@/hooks/api/use-projects";
import { useOrganizations } from "@/hooks/api/use-organizations";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const FIELDS = ["orgId", "name", "repoUrl", "defaultBranch", "testCommand"] as const;

const text = (data: FormData, key: string) => String(data.get(key) ?? "").trim();

export function NewProjectForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const organizations = useOrganizations();
  const createProject = useCreateProject();
  const [fields, setFields] = useState<Record<string, string[]>>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input: CreateProjectInput = {
      orgId: text(data, "orgId") || undefined,
      name: text(data, "name"),
      repoUrl: text(data, "repoUrl") || undefined,
      defaultBranch: text(data, "defaultBranch") || "main",
      testCommand: text(data, "testCommand") || undefined,
    };
    const parsed = createProjectSchema.safeParse(input);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    createProject.mutate(input, {
      onSuccess: onCreated,
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  const orgs = organizations.data ?? [];
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-3">
      <ApiErrorAlert error={createProject.error} shownFields={FIELDS} />
      {organizations.isError ? <ApiErrorAlert error={organizations.error} /> : null}
      <Field label="Name" error={fields.name}>
        {(control) => <Input {...control} name="name" required maxLength={100} data-autofocus autoComplete="off" />}
      </Field>
      <Field label="Organization" error={fields.orgId}>
        {(control) => (
          // Keyed on the list so the default (the personal organization, listed first) applies once it has loaded.
          <Select {...control} key={orgs.length} name="orgId" defaultValue={orgs[0]?.id} disabled={organizations.isPending}>
            {organizations.isPending ? (
              <option value="">Loading…</option>
            ) : (
              orgs.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.personal ? `${org.name} (personal)` : org.name}
                </option>
              ))
            )}
          </Select>
        )}
      </Field>
      <Field
        label="Repository"
        error={fields.repoUrl}
        hint="An https:// URL, or an absolute path on the server where allowed; it is checked when you create the project. Leave empty to start from an empty repository."
      >
        {(control) => <Input {...control} name="repoUrl" placeholder="https://github.com/acme/app.git" autoComplete="off" spellCheck={false} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Default branch" error={fields.defaultBranch}>
          {(control) => <Input {...control} name="defaultBranch" defaultValue="main" autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label="Test command" error={fields.testCommand} hint="Optional, e.g. npm test">
          {(control) => <Input {...control} name="testCommand" autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={createProject.isPending} disabled={organizations.isPending}>
          Create project
        </Button>
      </div>
    </form>
  );
}
