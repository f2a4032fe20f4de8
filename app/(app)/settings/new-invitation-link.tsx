"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { CreatedInvitationDto } from "@/lib/invitations/invitation-schemas";
import { Button } from "@/components/ui/button";
import { formatDate } from "./format";

export function NewInvitationLink({ invitation, onDismiss }: { invitation: CreatedInvitationDto; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // Focus lands on the link: the one thing to act on, and it is shown only now.
  useEffect(() => boxRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      aria-labelledby={titleId}
      role="region"
      className="rounded-md border border-indigo-200 bg-indigo-50 p-3 focus:outline-2 focus:outline-indigo-600"
    >
      <p id={titleId} className="text-sm font-medium text-indigo-900">
        Invitation link for {invitation.email}
      </p>
      <p className="mt-0.5 text-xs text-indigo-800">
        Send it to them yourself; it works once, until {formatDate(invitation.expiresAt)}, and will not be shown again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="new-invitation-link"
          className="min-w-0 flex-1 select-all break-all rounded border border-indigo-200 bg-white px-2 py-1.5 font-mono text-xs text-zinc-900"
        >
          {invitation.url}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-indigo-800">
        {copied === "failed" ? "Copying is blocked here; select the link and copy it by hand." : copied === "yes" ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
