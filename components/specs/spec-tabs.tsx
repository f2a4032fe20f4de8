"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface SpecTab {
  id: string;
  label: string;
  /** Shown next to the label; aria-hidden so the tab's name stays just the label. */
  count?: number;
  render: () => ReactNode;
}

/**
 * WAI-ARIA tabs with automatic activation: Left/Right (and Home/End) move focus and select, Tab leaves the tablist
 * for the panel. Only the selected panel is rendered, so hidden tabs do not poll or lay out.
 */
export function SpecTabs({ tabs, label, initialTab }: { tabs: readonly SpecTab[]; label: string; initialTab?: string }) {
  const baseId = useId();
  const [selected, setSelected] = useState(initialTab ?? tabs[0]?.id ?? "");
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const active = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === active?.id);
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    setSelected(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div className="min-w-0">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="flex flex-wrap gap-x-1 border-b border-zinc-200">
        {tabs.map((tab) => {
          const isSelected = tab.id === active?.id;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) refs.current.set(tab.id, node);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={isSelected}
              // Only the selected panel exists in the DOM, so only its tab may point at it.
              aria-controls={isSelected ? `${baseId}-panel-${tab.id}` : undefined}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => setSelected(tab.id)}
              className={`-mb-px inline-flex shrink-0 cursor-pointer items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                isSelected ? "border-indigo-600 text-indigo-700" : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900"
              }`}
            >
              {tab.label}
              {tab.count !== undefined ? (
                <span aria-hidden className={`rounded-full px-1.5 text-[11px] tabular-nums ${isSelected ? "bg-indigo-50" : "bg-zinc-100"}`}>
                  {tab.count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      {active ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel-${active.id}`}
          aria-labelledby={`${baseId}-tab-${active.id}`}
          tabIndex={0}
          className="pt-4 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {active.render()}
        </div>
      ) : null}
    </div>
  );
}
