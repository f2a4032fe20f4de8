"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutToAccept({ invitedEmail, signedInEmail, callbackUrl }: { invitedEmail: string; signedInEmail: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700">
        This invitation is for {invitedEmail}; you are signed in as {signedInEmail}. Sign out, then open the link again.
      </p>
      <Button
        variant="secondary"
        className="w-full"
        loading={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl });
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
