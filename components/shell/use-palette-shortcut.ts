"use client";

import { useEffect, type Dispatch, type SetStateAction } from "react";

/** Anything on the page can open the palette (the sidebar's Search button does) by dispatching this event. */
export const OPEN_PALETTE_EVENT = "omoios:open-palette";

/** Cmd+K / Ctrl+K toggles the palette from anywhere (inputs included); OPEN_PALETTE_EVENT opens it. */
export function usePaletteShortcut(setOpen: Dispatch<SetStateAction<boolean>>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener("keydown", onKey);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpen);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener(OPEN_PALETTE_EVENT, onOpen);
    };
  }, [setOpen]);
}
