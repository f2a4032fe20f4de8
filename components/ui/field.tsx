"use client";

import { useId, type ReactNode } from "react";
import { FieldError, FieldHint, Label } from "@/components/ui/label";

/** The props a control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  label: ReactNode;
  /** Error messages for this field (the API sends a list; the first is enough). */
  error?: string | readonly string[];
  hint?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** Label, control, hint and error wired together with ids, so every control has a name and its errors are read out. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const message = typeof error === "string" ? error : error?.[0];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy })}
      <FieldHint id={hintId}>{hint}</FieldHint>
      <FieldError id={errorId}>{message}</FieldError>
    </div>
  );
}
