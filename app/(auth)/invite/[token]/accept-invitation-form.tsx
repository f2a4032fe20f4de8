"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { passwordSchema } from "@/lib/users/user-schemas";
import { useAcceptInvitation, useStartGithubInvite } from "@/hooks/api/use-invitations";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, fieldErrorsOf } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const FIELDS = ["name", "password"] as const;

export interface AcceptInvitationFormProps {
  token: string;
  email: string;
  orgName: string;
  /** `join`: signed in with the invited email; `create`: the invitation creates the account. */
  mode: "join" | "create";
  /** GitHub sign-in is configured: someone new may join with GitHub instead of a password. */
  githubEnabled?: boolean;
}

export function AcceptInvitationForm({ token, email, orgName, mode, githubEnabled = false }: AcceptInvitationFormProps) {
  const router = useRouter();
  const accept = useAcceptInvitation();
  const startGithub = useStartGithubInvite();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [signInError, setSignInError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (mode === "create") {
      const problems: Record<string, string[]> = {};
      if (!name) problems.name = ["Enter your name"];
      const checked = passwordSchema.safeParse(password);
      if (!checked.success) problems.password = [checked.error.issues[0]!.message];
      setFields(problems);
      if (Object.keys(problems).length) return;
    }
    setSignInError(null);
    accept.mutate(mode === "create" ? { token, name, password } : { token }, {
      onSuccess: async () => {
        if (mode === "create") {
          const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
          if (!result?.ok || result.error) {
            setSignInError("Your account was created, but signing in failed. Sign in with your new password.");
            return;
          }
        }
        router.replace("/projects");
        router.refresh();
      },
      onError: (error) => setFields(fieldErrorsOf(error)),
    });
  }

  return (
    <div className="space-y-4">
      <ApiErrorAlert error={accept.error ?? startGithub.error} shownFields={FIELDS} />
      {signInError ? <Alert action={<a href="/sign-in" className="font-medium underline">Sign in</a>}>{signInError}</Alert> : null}
      <form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
        <Field label="Email" hint="The invitation is for this address.">
          {(control) => <Input {...control} name="email" type="email" value={email} readOnly autoComplete="username" />}
        </Field>
        {mode === "create" ? (
          <>
            <Field label="Name" error={fields.name}>
              {(control) => <Input {...control} name="name" autoComplete="name" autoFocus required maxLength={100} />}
            </Field>
            <Field label="Password" error={fields.password} hint="At least 8 characters.">
              {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" required minLength={8} />}
            </Field>
          </>
        ) : null}
        <Button type="submit" loading={accept.isPending || (accept.isSuccess && !signInError)} className="w-full">
          {mode === "create" ? `Create account and join ${orgName}` : `Join ${orgName}`}
        </Button>
      </form>
      {mode === "create" && githubEnabled ? (
        <Button
          variant="secondary"
          className="w-full"
          loading={startGithub.isPending}
          onClick={() => startGithub.mutate({ token }, { onSuccess: () => void signIn("github", { callbackUrl: "/projects" }) })}
        >
          Join {orgName} with GitHub
        </Button>
      ) : null}
    </div>
  );
}
