"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/http/api-client";
import { signUpSchema } from "@/lib/users/user-schemas";
import { signUpAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInResultMessage } from "@/components/auth/auth-error-message";

const FIELDS = ["name", "email", "password"] as const;

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signUpSchema.safeParse({ name: data.get("name"), email: data.get("email"), password: data.get("password") });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setError(null);
    setSignInError(null);
    setPending(true);
    let failure: unknown = null;
    try {
      const result = await signUpAction(parsed.data);
      if (!result.ok) failure = new ApiError(result.status, result.error.code, result.error.message, result.error.details);
    } catch (caught) {
      failure = caught; // the action could not be reached
    }
    if (failure) {
      setFields(fieldErrorsOf(failure));
      setError(failure);
      setPending(false);
      return;
    }
    try {
      const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      if (!result?.ok || result.error) {
        // The account exists now; only the automatic sign-in failed, so send them to sign in by hand.
        setSignInError(`Your account was created, but signing in failed: ${signInResultMessage(result?.error ?? "try again")}.`);
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setSignInError("Your account was created, but the server could not be reached to sign you in.");
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      {signInError ? (
        <Alert action={<a href="/sign-in" className="font-medium underline">Sign in</a>}>{signInError}</Alert>
      ) : null}
      <form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
        <Field label="Name" error={fields.name}>
          {(control) => <Input {...control} name="name" autoComplete="name" autoFocus required maxLength={100} />}
        </Field>
        <Field label="Email" error={fields.email}>
          {(control) => <Input {...control} name="email" type="email" autoComplete="email" required />}
        </Field>
        <Field label="Password" error={fields.password} hint="At least 8 characters.">
          {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" required minLength={8} />}
        </Field>
        <Button type="submit" loading={pending} className="w-full">
          Create account
        </Button>
      </form>
    </div>
  );
}
