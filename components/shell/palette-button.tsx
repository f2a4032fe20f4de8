"use client";

import { useEffect, useState } from "react";
import { OPEN_PALETTE_EVENT } from "@/components/shell/use-palette-shortcut";

/**
 * The visible way in, for people who do not know the shortcut and for phones, which have no keyboard for it:
 * `compact` is the top bar's button there (no shortcut hint).
 */
export function PaletteButton({ compact = false }: { compact?: boolean }) {
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform)), []);
  if (compact) {
    return (
      <button
        type="button"
        onClick={() => window.dispatchEvent(new Event(OPEN_PALETTE_EVENT))}
        className="flex h-8 items-center gap-1.5 rounded-md border border-zinc-200 px-2 text-sm text-zinc-700 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <SearchIcon />
        Search
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={() => window.dispatchEvent(new Event(OPEN_PALETTE_EVENT))}
      className="flex w-full items-center gap-2 rounded-md border border-zinc-200 px-2 py-1.5 text-left text-sm text-zinc-500 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      aria-keyshortcuts="Meta+K Control+K"
    >
      <SearchIcon />
      <span className="flex-1">Search…</span>
      <kbd className="rounded border border-zinc-200 px-1 font-sans text-xs text-zinc-500">{mac ? "⌘K" : "Ctrl K"}</kbd>
    </button>
  );
}

function SearchIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2}>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}
