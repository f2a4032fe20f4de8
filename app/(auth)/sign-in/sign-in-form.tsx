"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signInSchema } from "@/lib/users/user-schemas";
import { Alert } from "@/components/ui/alert";
import { issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInResultMessage } from "@/components/auth/auth-error-message";

export interface SignInFormProps {
  callbackUrl: string;
  /** Message for next-auth's `?error=`, already made safe by the page. */
  initialError: string | null;
  githubEnabled: boolean;
}

export function SignInForm({ callbackUrl, initialError, githubEnabled }: SignInFormProps) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setFormError(null);
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
      if (!result?.ok || result.error) {
        setFormError(result?.error ? signInResultMessage(result.error) : "Sign-in failed. Try again.");
        setPending(false);
        return;
      }
      // Stay "pending" through the navigation so the form cannot be sent twice.
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      {/* method=post keeps the password out of the URL if someone submits before the page is interactive. */}
      <form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
        <Field label="Email" error={fields.email}>
          {(control) => <Input {...control} name="email" type="email" autoComplete="email" autoFocus required />}
        </Field>
        <Field label="Password" error={fields.password}>
          {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <Button type="submit" loading={pending} className="w-full">
          Sign in
        </Button>
      </form>
      {githubEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn("github", { callbackUrl })}>
            Continue with GitHub
          </Button>
        </>
      ) : null}
    </div>
  );
}
