const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A short date, or `fallback` for a missing one. */
export function formatDate(iso: string | null, fallback = "—"): string {
  return iso ? dateFormat.format(new Date(iso)) : fallback;
}
