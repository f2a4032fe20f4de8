import type { ComponentProps } from "react";

// `[readonly]` rather than `:read-only`: a <select> always matches :read-only and would look disabled.
export const controlClasses = [
  "block w-full rounded-md border bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400",
  "focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600",
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 [&[readonly]]:bg-zinc-50 [&[readonly]]:text-zinc-600",
  "aria-invalid:border-red-400 border-zinc-300",
].join(" ");

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={`${controlClasses} h-8 ${className ?? ""}`} {...props} />;
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={`size-4 cursor-pointer rounded border-zinc-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className ?? ""}`}
      {...props}
    />
  );
}
