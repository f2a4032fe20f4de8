"use client";

import { CATEGORY_LABELS, EVENT_CATEGORIES, type EventCategory } from "./event-categories";

/**
 * Checkbox chips, one per category: native checkboxes, so Tab reaches each and Space toggles it. The count is
 * aria-hidden to keep each checkbox's name stable ("Tool calls") while the numbers change under it.
 */
export function EventTypeFilter({
  visible,
  counts,
  onChange,
}: {
  visible: ReadonlySet<EventCategory>;
  counts: Record<EventCategory, number>;
  onChange: (next: ReadonlySet<EventCategory>) => void;
}) {
  const toggle = (category: EventCategory, checked: boolean) => {
    const next = new Set(visible);
    if (checked) next.add(category);
    else next.delete(category);
    onChange(next);
  };
  const allShown = visible.size === EVENT_CATEGORIES.length;
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">Event types</legend>
      {EVENT_CATEGORIES.map((category) => {
        const checked = visible.has(category);
        return (
          <label
            key={category}
            className={`inline-flex cursor-pointer select-none items-center gap-1.5 rounded-full border px-2 py-0.5 text-[11px] has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600 ${
              checked ? "border-indigo-200 bg-indigo-50 text-indigo-800" : "border-zinc-200 bg-white text-zinc-500"
            }`}
          >
            <input
              type="checkbox"
              checked={checked}
              onChange={(event) => toggle(category, event.target.checked)}
              className="size-3 cursor-pointer accent-indigo-600"
            />
            {CATEGORY_LABELS[category]}
            <span aria-hidden className="tabular-nums text-zinc-600">
              {counts[category]}
            </span>
          </label>
        );
      })}
      {allShown ? null : (
        <button
          type="button"
          onClick={() => onChange(new Set(EVENT_CATEGORIES))}
          className="cursor-pointer rounded px-1.5 py-0.5 text-[11px] text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          Show all
        </button>
      )}
    </fieldset>
  );
}
