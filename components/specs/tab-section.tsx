import type { ReactNode } from "react";

/** One titled part of a spec tab (Explore, Design); `empty` shows `emptyText` in place of the content. */
export function TabSection({ title, empty = false, emptyText, children }: { title: string; empty?: boolean; emptyText: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {empty ? <p className="text-zinc-500">{emptyText}</p> : children}
    </section>
  );
}
