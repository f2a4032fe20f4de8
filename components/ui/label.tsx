import type { ComponentProps, ReactNode } from "react";

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={`block text-xs font-medium text-zinc-700 ${className ?? ""}`} {...props} />;
}

/** A field's error message; announced when it appears. */
export function FieldError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="text-xs text-red-700">
      {children}
    </p>
  );
}

export function FieldHint({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-xs text-zinc-500">
      {children}
    </p>
  );
}
