"use client";

import { Command } from "cmdk";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSearch } from "@/hooks/api/use-search";
import type { SearchHit } from "@/lib/search/search-schemas";
import { paletteCommands, wordMatcher, type PaletteCommand } from "@/components/shell/palette-commands";
import { KindIcon, ProjectChoices, ResultGroup } from "@/components/shell/palette-results";
import { groupClasses, itemClasses } from "@/components/shell/palette-styles";
import { hrefOf, loadRecent, pushRecent, saveRecent, type RecentItem } from "@/components/shell/recent-items";
import { usePaletteShortcut } from "@/components/shell/use-palette-shortcut";

// The shell's layout imports the palette and its button from here; the event name stays importable from here too.
export { PaletteButton } from "@/components/shell/palette-button";
export { OPEN_PALETTE_EVENT } from "@/components/shell/use-palette-shortcut";

const SEARCH_DEBOUNCE_MS = 120;

/**
 * The Cmd+K palette on every signed-in page: search projects, specs and tickets (ranked by the server), run
 * commands, reopen recent items. Cmd+K / Ctrl+K toggles it from anywhere (inputs included), Escape closes it and
 * focus returns to where it was; Backspace on an empty query leaves a sub-page.
 */
export function CommandPalette() {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState<"root" | "projects">("root");
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [recent, setRecent] = useState<RecentItem[]>([]);

  usePaletteShortcut(setOpen);

  // A fresh palette each time it opens; recents may have changed in another tab.
  useEffect(() => {
    if (!open) return;
    setPage("root");
    setText("");
    setQuery("");
    setRecent(loadRecent());
  }, [open]);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useSearch(page === "root" && open ? query : "");
  const currentProjectId = /^\/projects\/([^/]+)/.exec(pathname)?.[1];

  const go = useCallback(
    (href: string) => {
      setOpen(false);
      router.push(href);
    },
    [router],
  );
  const openItem = useCallback(
    (item: RecentItem) => {
      const next = pushRecent(loadRecent(), item);
      saveRecent(next);
      go(hrefOf(item));
    },
    [go],
  );

  const idea = text.trim();
  const commands: PaletteCommand[] = useMemo(
    () => paletteCommands({ go, currentProjectId, showProjects: () => (setPage("projects"), setText("")) }),
    [go, currentProjectId],
  );

  const matches = wordMatcher(idea);
  const shownCommands = commands.filter((command) => matches(`${command.label} ${command.keywords}`));
  const hits = idea && search.data ? search.data : [];
  const byKind = (kind: SearchHit["kind"]) => hits.filter((hit) => hit.kind === kind);

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      shouldFilter={false}
      loop
      overlayClassName="fixed inset-0 z-40 bg-zinc-900/30"
      contentClassName="fixed left-1/2 top-[12vh] z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-2xl"
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3">
        <svg aria-hidden viewBox="0 0 24 24" className="size-4 shrink-0 text-zinc-400" fill="none" stroke="currentColor" strokeWidth={2}>
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        {page === "projects" && <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">Projects</span>}
        <Command.Input
          value={text}
          onValueChange={setText}
          aria-label={page === "projects" ? "Filter projects" : "Search or type a command"}
          placeholder={page === "projects" ? "Filter projects…" : "Search specs, tickets, projects — or type a command…"}
          onKeyDown={(event) => {
            if (event.key === "Backspace" && !text && page !== "root") {
              event.preventDefault();
              setPage("root");
            }
          }}
          className="h-12 w-full bg-transparent text-sm text-zinc-900 outline-none placeholder:text-zinc-400"
        />
        {search.isFetching && idea && <span className="text-xs text-zinc-500">Searching…</span>}
      </div>
      <Command.List className="max-h-[min(24rem,60vh)] overflow-y-auto p-1" label="Results">
        {page === "projects" ? (
          <ProjectChoices matches={matches} onOpen={openItem} />
        ) : (
          <>
            {!idea && recent.length > 0 && (
              <Command.Group heading="Recent" className={groupClasses}>
                {recent.map((item) => (
                  <Command.Item key={`${item.kind}-${item.id}`} value={`recent-${item.kind}-${item.id}`} onSelect={() => openItem(item)} className={itemClasses}>
                    <KindIcon kind={item.kind} />
                    {item.key && <span className="font-mono text-xs text-zinc-600">{item.key}</span>}
                    <span className="min-w-0 flex-1 truncate">{item.title}</span>
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {shownCommands.length > 0 && (
              <Command.Group heading="Commands" className={groupClasses}>
                {shownCommands.map((command) => (
                  <Command.Item key={command.id} value={`command-${command.id}`} onSelect={command.run} className={itemClasses}>
                    <span aria-hidden className="grid size-5 place-items-center rounded bg-zinc-100 text-xs text-zinc-500">›</span>
                    <span className="flex-1">{command.label}</span>
                    {command.hint && <span className="text-xs text-zinc-600">{command.hint}</span>}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {idea.length >= 3 && (
              <Command.Group heading="Start" className={groupClasses}>
                <Command.Item value="start-spec" onSelect={() => go(`/command?mode=spec&prompt=${encodeURIComponent(idea)}`)} className={itemClasses}>
                  <span aria-hidden className="grid size-5 place-items-center rounded bg-indigo-100 text-xs text-indigo-700">+</span>
                  <span className="min-w-0 flex-1 truncate">New spec: “{idea}”</span>
                </Command.Item>
              </Command.Group>
            )}
            <ResultGroup heading="Specs" hits={byKind("spec")} onOpen={openItem} />
            <ResultGroup heading="Tickets" hits={byKind("ticket")} onOpen={openItem} />
            <ResultGroup heading="Projects" hits={byKind("project")} onOpen={openItem} />
            {search.isError && (
              <p role="alert" className="px-3 py-2 text-sm text-red-700">
                Search failed: {search.error.message}
              </p>
            )}
            {idea && !search.isFetching && search.isSuccess && hits.length === 0 && shownCommands.length === 0 && (
              <p className="px-3 py-2 text-sm text-zinc-500">Nothing matches “{idea}”.</p>
            )}
          </>
        )}
      </Command.List>
      <div className="flex items-center justify-between border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600">
        <span>↑↓ to move · Enter to open{page !== "root" ? " · Backspace to go back" : ""}</span>
        <span>Esc to close</span>
      </div>
    </Command.Dialog>
  );
}
