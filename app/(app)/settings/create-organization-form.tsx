"use client";

import { useId, useState, type FormEvent } from "react";
import type { OrganizationDto } from "@/lib/orgs/org-schemas";
import { useCreateOrganization } from "@/hooks/api/use-organizations";
import { ApiErrorAlert, fieldErrorsOf } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function CreateOrganizationForm({ onCreated }: { onCreated: (org: OrganizationDto) => void }) {
  const createOrganization = useCreateOrganization();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const headingId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    if (!name) {
      setFields({ name: ["Name the organization"] });
      return;
    }
    setFields({});
    createOrganization.mutate(
      { name },
      {
        onSuccess: (org) => {
          form.reset();
          onCreated(org);
        },
        onError: (error) => setFields(fieldErrorsOf(error)),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="border-t border-zinc-100 pt-4">
      <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
        Create organization
      </h3>
      <p className="text-xs text-zinc-500">For a team: you become its owner and can add members.</p>
      <form noValidate onSubmit={onSubmit} className="mt-3 space-y-2">
        <ApiErrorAlert error={createOrganization.error} shownFields={["name"]} />
        <div className="flex flex-wrap items-start gap-2">
          <Field label="Organization name" error={fields.name} className="min-w-48 flex-1">
            {(control) => <Input {...control} name="name" maxLength={100} autoComplete="organization" />}
          </Field>
          {/* mt-5 lines the button up with the input, below the label, whether or not an error shows. */}
          <Button type="submit" loading={createOrganization.isPending} className="mt-5">
            Create organization
          </Button>
        </div>
      </form>
    </section>
  );
}
