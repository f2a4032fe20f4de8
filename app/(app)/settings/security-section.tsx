"use client";

import { signIn, signOut } from "next-auth/react";
import { useState } from "react";
import type { AccountSecurityDto } from "@/lib/users/user-schemas";
import { useRouter } from "next/navigation";
import { useSignOutEverywhere, useStartGithubLink, useUnlinkGithub } from "@/hooks/api/use-account";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PasswordForm } from "./password-form";

export interface SecuritySectionProps {
  email: string;
  security: AccountSecurityDto;
  isGithubEnabled: boolean;
  /** What came back from linking GitHub (`?github=linked` / `?githubError=`), already worded. */
  githubNotice: { tone: "success" | "error"; text: string } | null;
}

export function SecuritySection({ email, security, isGithubEnabled, githubNotice }: SecuritySectionProps) {
  const signOutEverywhere = useSignOutEverywhere();
  const startGithubLink = useStartGithubLink();
  const unlinkGithub = useUnlinkGithub();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);

  return (
    <SectionCard title="Sign-in and security" description="How you sign in, and every place you are signed in.">
      <div className="space-y-5">
        <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-700">
          {email}
          {security.isEmailVerified ? <Badge tone="success">Verified</Badge> : <Badge>Not verified</Badge>}
        </p>
        {security.hasPassword ? <PasswordForm email={email} /> : null}
        {isGithubEnabled ? (
          <div className="space-y-2">
            {githubNotice ? <Alert tone={githubNotice.tone}>{githubNotice.text}</Alert> : null}
            <ApiErrorAlert error={startGithubLink.error ?? unlinkGithub.error} />
            <div className="flex flex-wrap items-center gap-3">
              <p className="text-sm text-zinc-700">GitHub</p>
              {security.isGithubLinked ? <Badge tone="success">Linked</Badge> : <Badge>Not linked</Badge>}
              <Button
                variant="secondary"
                size="sm"
                loading={startGithubLink.isPending}
                onClick={() =>
                  startGithubLink.mutate(undefined, { onSuccess: () => void signIn("github", { callbackUrl: "/settings?github=linked" }) })
                }
              >
                {security.isGithubLinked ? "Link another GitHub account" : "Link GitHub"}
              </Button>
              {security.isGithubLinked && security.hasPassword ? (
                <Button variant="secondary" size="sm" loading={unlinkGithub.isPending} onClick={() => unlinkGithub.mutate(undefined, { onSuccess: () => router.refresh() })}>
                  Unlink GitHub
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 pt-4">
          <p className="text-xs text-zinc-500">Signed in on another computer, or lost one? End every session, this one too.</p>
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        description="Every browser signed in to this account is signed out, this one too. API keys keep working; revoke them apart."
        confirmLabel="Sign out everywhere"
        pending={signOutEverywhere.isPending}
        error={signOutEverywhere.error}
        onCancel={() => {
          setConfirming(false);
          signOutEverywhere.reset();
        }}
        onConfirm={() => signOutEverywhere.mutate(undefined, { onSuccess: () => void signOut({ callbackUrl: "/sign-in" }) })}
      />
    </SectionCard>
  );
}
