"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { changePasswordSchema } from "@/lib/users/user-schemas";
import { useChangePassword } from "@/hooks/api/use-account";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const FIELDS = ["currentPassword", "newPassword"] as const;

export function PasswordForm({ email }: { email: string }) {
  const changePassword = useChangePassword();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changePasswordSchema.safeParse({ currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setDone(false);
    changePassword.mutate(parsed.data, {
      // The change ended every session, this one too: sign this browser in again with the new password.
      onSuccess: async () => {
        form.reset();
        const result = await signIn("credentials", { email, password: parsed.data.newPassword, redirect: false }).catch(() => null);
        if (!result?.ok || result.error) {
          // A full page load on purpose: every session just ended, no client state may outlive it.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign("/sign-in");
          return;
        }
        setDone(true);
      },
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Change password" className="space-y-2">
      <p className="text-xs font-medium text-zinc-700">Change password</p>
      <ApiErrorAlert error={changePassword.error} shownFields={FIELDS} />
      {done ? <Alert tone="success">Password changed. Every other session was signed out.</Alert> : null}
      <div className="flex flex-wrap items-start gap-2">
        <Field label="Current password" error={fields.currentPassword} className="min-w-40 flex-1">
          {(control) => <Input {...control} name="currentPassword" type="password" autoComplete="current-password" />}
        </Field>
        <Field label="New password" error={fields.newPassword} hint="At least 8 characters." className="min-w-40 flex-1">
          {(control) => <Input {...control} name="newPassword" type="password" autoComplete="new-password" minLength={8} />}
        </Field>
        <Button type="submit" loading={changePassword.isPending} className="mt-5">
          Change password
        </Button>
      </div>
    </form>
  );
}
