"use client";

import { useCallback, useSyncExternalStore } from "react";

export type DiffViewMode = "unified" | "split";

const STORAGE_KEY = "omoios:diff-view";
/** Same-tab listeners: the `storage` event only reaches other tabs. */
const listeners = new Set<() => void>();
/** The choice when storage is disabled or full: it then holds until the page is left. */
let fallback: DiffViewMode = "unified";

function read(): DiffViewMode {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === "split" || stored === "unified") return stored;
  } catch {
    // storage disabled
  }
  return fallback;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * Unified or split, remembered across pages and tabs. Read through useSyncExternalStore so the server's render (and
 * the first client one) is "unified" and the remembered choice applies right after hydration, without a mismatch.
 */
export function useDiffViewMode(): [DiffViewMode, (mode: DiffViewMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => "unified" as const);
  const setMode = useCallback((next: DiffViewMode) => {
    fallback = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage full or disabled: `fallback` keeps the choice for this page
    }
    for (const listener of listeners) listener();
  }, []);
  return [mode, setMode];
}
