export function Spinner({ size = "md", label }: { size?: "sm" | "md"; label?: string }) {
  const box = size === "sm" ? "size-3.5 border-[1.5px]" : "size-5 border-2";
  return (
    <span
      role={label ? "status" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={`inline-block ${box} animate-spin rounded-full border-current border-r-transparent opacity-70`}
    />
  );
}

/** A centred spinner with a visible caption, for whole sections that are loading. */
export function LoadingBlock({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-12 text-sm text-zinc-500">
      <Spinner size="sm" />
      <span>{label}</span>
    </div>
  );
}
