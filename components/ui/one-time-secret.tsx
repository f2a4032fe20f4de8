"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export interface OneTimeSecretProps {
  title: ReactNode;
  hint: ReactNode;
  /** The secret itself (an API key, an invitation link): shown once, selectable, copyable. */
  value: string;
  /** What it is, for the "copy it by hand" message: "key", "link". */
  noun: string;
  testId: string;
  onDismiss: () => void;
}

/** A secret the server shows only once, with Copy and Done; focus lands on it, the one thing to act on. */
export function OneTimeSecret({ title, hint, value, noun, testId, onDismiss }: OneTimeSecretProps) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => boxRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
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
        {title}
      </p>
      <p className="mt-0.5 text-xs text-indigo-800">{hint}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 select-all break-all rounded border border-indigo-200 bg-white px-2 py-1.5 font-mono text-xs text-zinc-900"
        >
          {value}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-indigo-800">
        {copied === "failed" ? `Copying is blocked here; select the ${noun} and copy it by hand.` : copied === "yes" ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
