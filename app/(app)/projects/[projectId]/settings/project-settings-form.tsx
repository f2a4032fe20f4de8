"use client";

import { useId, useState, type FormEvent } from "react";
import { updateProjectSchema, type ProjectDto, type UpdateProjectInput } from "@/lib/projects/project-schemas";
import { useUpdateProject } from "@/hooks/api/use-projects";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Checkbox, Input } from "@/components/ui/input";
import { FieldError } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

const FIELDS = [
  "name",
  "description",
  "repoUrl",
  "defaultBranch",
  "testCommand",
  "approvalMode",
  "reviewMode",
  "autoExecuteTickets",
  "maxConcurrentTasks",
  "budgetUsd",
] as const;

type Editable = Pick<ProjectDto, (typeof FIELDS)[number]>;

/** What only owners and admins change (lib/projects/update-project.ts); read-only for members, and never sent. */
const ADMIN_FIELDS = new Set<string>(["repoUrl", "testCommand", "maxConcurrentTasks", "budgetUsd"]);
const ADMIN_ONLY_HINT = "Owners and admins of the organization change this.";

const text = (data: FormData, key: string) => String(data.get(key) ?? "").trim();
const optionalText = (data: FormData, key: string) => text(data, key) || null;
const optionalNumber = (data: FormData, key: string) => (text(data, key) === "" ? null : Number(text(data, key)));

function readForm(data: FormData): Editable {
  return {
    name: text(data, "name"),
    description: optionalText(data, "description"),
    repoUrl: optionalText(data, "repoUrl"),
    defaultBranch: text(data, "defaultBranch"),
    testCommand: optionalText(data, "testCommand"),
    approvalMode: text(data, "approvalMode") === "manual" ? "manual" : "auto",
    reviewMode: text(data, "reviewMode") === "manual" ? "manual" : "auto",
    autoExecuteTickets: data.get("autoExecuteTickets") === "on",
    maxConcurrentTasks: optionalNumber(data, "maxConcurrentTasks") ?? Number.NaN,
    budgetUsd: optionalNumber(data, "budgetUsd"),
  };
}

/** Only what changed is sent, so two people editing different settings do not overwrite each other. */
function changes(project: ProjectDto, values: Editable, canAdminister: boolean): UpdateProjectInput {
  const patch: Record<string, unknown> = {};
  for (const key of FIELDS) {
    if (values[key] !== project[key] && (canAdminister || !ADMIN_FIELDS.has(key))) patch[key] = values[key];
  }
  return patch as UpdateProjectInput;
}

export function ProjectSettingsForm({ project, canAdminister }: { project: ProjectDto; canAdminister: boolean }) {
  const updateProject = useUpdateProject(project.id);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const values = readForm(new FormData(event.currentTarget));
    if (Number.isNaN(values.maxConcurrentTasks) || Number.isNaN(values.budgetUsd)) {
      setFields({
        ...(Number.isNaN(values.maxConcurrentTasks) ? { maxConcurrentTasks: ["Enter a whole number from 1 to 50"] } : {}),
        ...(Number.isNaN(values.budgetUsd) ? { budgetUsd: ["Enter an amount in dollars, or leave it empty"] } : {}),
      });
      return;
    }
    const patch = changes(project, values, canAdminister);
    if (Object.keys(patch).length === 0) {
      setFields({});
      setNotice("Nothing to save: no setting changed.");
      return;
    }
    const parsed = updateProjectSchema.safeParse(patch);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    updateProject.mutate(patch, {
      onSuccess: () => setNotice("Settings saved."),
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <SectionCard title="Project and agents" description="Where the code comes from and how agents work on it.">
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <ApiErrorAlert error={updateProject.error} shownFields={FIELDS} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={fields.name} className="sm:col-span-2">
            {(control) => <Input {...control} name="name" defaultValue={project.name} required maxLength={100} />}
          </Field>
          <Field label="Description" error={fields.description} className="sm:col-span-2">
            {(control) => <Textarea {...control} name="description" defaultValue={project.description ?? ""} maxLength={5000} />}
          </Field>
          <Field
            label="Repository"
            error={fields.repoUrl}
            hint={
              canAdminister
                ? "An https:// URL, or an absolute path on the server where allowed; empty for an empty repository. It is checked when you save."
                : ADMIN_ONLY_HINT
            }
            className="sm:col-span-2"
          >
            {(control) => (
              <Input {...control} name="repoUrl" defaultValue={project.repoUrl ?? ""} readOnly={!canAdminister} spellCheck={false} autoComplete="off" />
            )}
          </Field>
          <Field label="Default branch" error={fields.defaultBranch}>
            {(control) => <Input {...control} name="defaultBranch" defaultValue={project.defaultBranch} spellCheck={false} autoComplete="off" />}
          </Field>
          <Field label="Test command" error={fields.testCommand} hint={canAdminister ? "Optional, e.g. npm test" : ADMIN_ONLY_HINT}>
            {(control) => (
              <Input {...control} name="testCommand" defaultValue={project.testCommand ?? ""} readOnly={!canAdminister} spellCheck={false} autoComplete="off" />
            )}
          </Field>
          <Field label="Approval mode" error={fields.approvalMode} hint="Manual waits for your approval before work moves on.">
            {(control) => (
              <Select {...control} name="approvalMode" defaultValue={project.approvalMode}>
                <option value="auto">Auto</option>
                <option value="manual">Manual</option>
              </Select>
            )}
          </Field>
          <Field
            label="Review of ticket work"
            error={fields.reviewMode}
            hint="How a spec ticket's accepted work reaches the spec branch; a spec may choose otherwise at launch."
          >
            {(control) => (
              <Select {...control} name="reviewMode" defaultValue={project.reviewMode}>
                <option value="auto">Automatic — merged as soon as tests pass</option>
                <option value="manual">Manual — waits in Review for a person</option>
              </Select>
            )}
          </Field>
          <Field label="Max concurrent tasks" error={fields.maxConcurrentTasks} hint={canAdminister ? "1 to 50 agents at a time." : ADMIN_ONLY_HINT}>
            {(control) => (
              <Input
                {...control}
                name="maxConcurrentTasks"
                type="number"
                inputMode="numeric"
                min={1}
                max={50}
                step={1}
                defaultValue={project.maxConcurrentTasks}
                readOnly={!canAdminister}
              />
            )}
          </Field>
          <Field label="Budget (USD)" error={fields.budgetUsd} hint={canAdminister ? "Optional spending cap for model usage." : ADMIN_ONLY_HINT}>
            {(control) => (
              <Input
                {...control}
                name="budgetUsd"
                type="number"
                inputMode="decimal"
                min={0}
                step="0.01"
                defaultValue={project.budgetUsd ?? ""}
                placeholder="No limit"
                readOnly={!canAdminister}
              />
            )}
          </Field>
          <div className="flex items-start gap-2 self-center sm:pt-4">
            <Checkbox
              id={`${id}-auto`}
              name="autoExecuteTickets"
              defaultChecked={project.autoExecuteTickets}
              aria-describedby={`${id}-auto-hint`}
            />
            <div>
              <label htmlFor={`${id}-auto`} className="text-sm text-zinc-800">
                Run tickets automatically
              </label>
              <p id={`${id}-auto-hint`} className="text-xs text-zinc-500">
                Start agents on new tickets without waiting for you.
              </p>
              <FieldError>{fields.autoExecuteTickets?.[0]}</FieldError>
            </div>
          </div>
        </div>
        <div className="flex items-center justify-end gap-3 border-t border-zinc-100 pt-4">
          {notice ? (
            <Alert tone={notice === "Settings saved." ? "success" : "info"}>{notice}</Alert>
          ) : null}
          <Button type="submit" loading={updateProject.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </SectionCard>
  );
}
