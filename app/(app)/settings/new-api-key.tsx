"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";
import { Button } from "@/components/ui/button";

export function NewApiKey({ apiKey, onDismiss }: { apiKey: CreatedApiKeyDto; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // Move focus to the key so keyboard and screen reader users land on the one thing they must act on.
  useEffect(() => boxRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey.key);
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
        Key “{apiKey.name}” created
      </p>
      <p className="mt-0.5 text-xs text-indigo-800">Copy this key now; it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 select-all break-all rounded border border-indigo-200 bg-white px-2 py-1.5 font-mono text-xs text-zinc-900"
        >
          {apiKey.key}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-indigo-800">
        {copied === "failed" ? "Copying is blocked here; select the key and copy it by hand." : copied === "yes" ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
