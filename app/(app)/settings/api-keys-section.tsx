"use client";

import { useState, type FormEvent } from "react";
import { API_KEY_SCOPES, createApiKeySchema, type ApiKeyScope, type CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";
import { useCreateApiKey } from "@/hooks/api/use-api-keys";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Checkbox, Input } from "@/components/ui/input";
import { FieldError } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ApiKeyList } from "./api-key-list";
import { NewApiKey } from "./new-api-key";

const FIELDS = ["name", "scopes", "expiresInDays"] as const;
const SCOPE_LABELS: Record<ApiKeyScope, string> = { read: "Read", write: "Write" };
const EXPIRY_OPTIONS = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
];

export function ApiKeysSection() {
  const createApiKey = useCreateApiKey();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  // The full key is held only here, only until dismissed: the API never returns it again.
  const [created, setCreated] = useState<CreatedApiKeyDto | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get("expiresInDays") ?? "");
    const input = {
      name: String(data.get("name") ?? "").trim(),
      scopes: data.getAll("scopes").map(String) as ApiKeyScope[],
      ...(expires ? { expiresInDays: Number(expires) } : {}),
    };
    const parsed = createApiKeySchema.safeParse(input);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setCreated(null);
    createApiKey.mutate(input, {
      onSuccess: (apiKey) => {
        setCreated(apiKey);
        form.reset();
      },
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <SectionCard title="API keys" description="For scripts and CI. Send one as “Authorization: Bearer omoi_…”.">
      <div className="space-y-5">
        {created ? <NewApiKey apiKey={created} onDismiss={() => setCreated(null)} /> : null}
        <form noValidate onSubmit={onSubmit} className="space-y-3">
          <ApiErrorAlert error={createApiKey.error} shownFields={FIELDS} />
          <div className="flex flex-wrap items-start gap-3">
            <Field label="Key name" error={fields.name} className="min-w-48 flex-1">
              {(control) => <Input {...control} name="name" placeholder="e.g. CI deploy" maxLength={100} autoComplete="off" />}
            </Field>
            <Field label="Expires" error={fields.expiresInDays} className="w-36">
              {(control) => (
                <Select {...control} name="expiresInDays" defaultValue="">
                  {EXPIRY_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <fieldset>
            <legend className="text-xs font-medium text-zinc-700">Scopes</legend>
            <p className="text-xs text-zinc-500">Read allows GET requests; Write allows everything else.</p>
            <div className="mt-1 flex flex-wrap gap-4">
              {API_KEY_SCOPES.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm text-zinc-800">
                  <Checkbox name="scopes" value={scope} defaultChecked />
                  {SCOPE_LABELS[scope]}
                </label>
              ))}
            </div>
            <FieldError>{fields.scopes?.[0]}</FieldError>
          </fieldset>
          <Button type="submit" loading={createApiKey.isPending}>
            Create key
          </Button>
        </form>
        <ApiKeyList />
      </div>
    </SectionCard>
  );
}
