"use client";

import { Command } from "cmdk";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { useProjects } from "@/hooks/api/use-projects";
import { useSearch } from "@/hooks/api/use-search";
import type { SearchHit } from "@/lib/search/search-schemas";
import { hrefOf, loadRecent, pushRecent, saveRecent, type RecentItem } from "@/components/shell/recent-items";

/** Anything on the page can open the palette (the sidebar's Search button does) by dispatching this event. */
export const OPEN_PALETTE_EVENT = "omoios:open-palette";

const SEARCH_DEBOUNCE_MS = 120;

interface PaletteCommand {
  id: string;
  label: string;
  keywords: string;
  hint?: string;
  run: () => void;
}

const itemClasses =
  "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-zinc-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900";
const groupClasses =
  "px-1 py-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-zinc-500";

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
  }, []);

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
  const commands: PaletteCommand[] = useMemo(() => {
    // Typed text that found a command is a search for it, not an idea: the "New spec: …" item carries ideas.
    return [
      { id: "new-spec", label: "New spec from an idea", keywords: "create launch spec idea plan", hint: "Spec-driven", run: () => go("/command?mode=spec") },
      { id: "quick-task", label: "Quick task", keywords: "ticket task fix small quick", hint: "One ticket", run: () => go("/command?mode=quick") },
      { id: "board", label: "Go to board", keywords: "kanban board tickets columns", run: () => go(currentProjectId ? `/projects/${currentProjectId}/board` : "/board") },
      { id: "project", label: "Go to project…", keywords: "project open switch", run: () => (setPage("projects"), setText("")) },
      { id: "settings", label: "Open settings", keywords: "settings api keys organization members profile", run: () => go("/settings") },
    ];
  }, [go, currentProjectId]);

  const words = idea.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (haystack: string) => words.every((word) => haystack.toLowerCase().includes(word));
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
        {search.isFetching && idea && <span className="text-xs text-zinc-400">Searching…</span>}
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
                    {item.key && <span className="font-mono text-xs text-zinc-500">{item.key}</span>}
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
                    {command.hint && <span className="text-xs text-zinc-400">{command.hint}</span>}
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
      <div className="flex items-center justify-between border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-400">
        <span>↑↓ to move · Enter to open{page !== "root" ? " · Backspace to go back" : ""}</span>
        <span>Esc to close</span>
      </div>
    </Command.Dialog>
  );
}

/** "Go to project…": the project list is only fetched when this sub-list opens, not on every page. */
function ProjectChoices({ matches, onOpen }: { matches: (haystack: string) => boolean; onOpen: (item: RecentItem) => void }) {
  const projects = useProjects();
  const list = (projects.data ?? []).filter((project) => matches(`${project.name} ${project.orgName}`));
  return (
    <Command.Group heading="Projects" className={groupClasses}>
      {projects.isPending && <Command.Loading>Loading projects…</Command.Loading>}
      {list.map((project) => (
        <Command.Item
          key={project.id}
          value={`project-${project.id}`}
          onSelect={() => onOpen({ kind: "project", id: project.id, projectId: project.id, title: project.name, key: null })}
          className={itemClasses}
        >
          <KindIcon kind="project" />
          <span className="min-w-0 flex-1 truncate">{project.name}</span>
          <span className="text-xs text-zinc-400">{project.orgName}</span>
        </Command.Item>
      ))}
      {!projects.isPending && list.length === 0 && <p className="px-3 py-2 text-sm text-zinc-500">No project matches.</p>}
    </Command.Group>
  );
}

function ResultGroup({ heading, hits, onOpen }: { heading: string; hits: SearchHit[]; onOpen: (item: RecentItem) => void }) {
  if (hits.length === 0) return null;
  return (
    <Command.Group heading={heading} className={groupClasses}>
      {hits.map((hit) => (
        <Command.Item
          key={hit.id}
          value={`${hit.kind}-${hit.id}`}
          onSelect={() => onOpen({ kind: hit.kind, id: hit.id, projectId: hit.projectId, title: hit.title, key: hit.key })}
          className={itemClasses}
        >
          <KindIcon kind={hit.kind} />
          {hit.key && <span className="font-mono text-xs text-zinc-500">{hit.key}</span>}
          <span className="min-w-0 flex-1 truncate">{hit.title}</span>
          <span className="hidden max-w-40 truncate text-xs text-zinc-400 sm:inline">
            {hit.kind === "project" ? "" : hit.projectName}
            {hit.status ? ` · ${hit.status.replace("_", " ")}` : ""}
          </span>
        </Command.Item>
      ))}
    </Command.Group>
  );
}

const KIND_ICONS: Record<SearchHit["kind"], ReactNode> = {
  project: <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />,
  spec: <path d="M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6" />,
  ticket: <path d="M4 6h16v4a2 2 0 0 0 0 4v4H4v-4a2 2 0 0 0 0-4z" />,
};

function KindIcon({ kind }: { kind: SearchHit["kind"] }) {
  return (
    <svg role="img" aria-label={kind} viewBox="0 0 24 24" className="size-4 shrink-0 text-zinc-400" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinejoin="round">
      {KIND_ICONS[kind]}
    </svg>
  );
}

/** The visible way in, for people who do not know the shortcut. */
export function PaletteButton() {
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform)), []);
  return (
    <button
      type="button"
      onClick={() => window.dispatchEvent(new Event(OPEN_PALETTE_EVENT))}
      className="flex w-full items-center gap-2 rounded-md border border-zinc-200 px-2 py-1.5 text-left text-sm text-zinc-500 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      aria-keyshortcuts="Meta+K Control+K"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2}>
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <span className="flex-1">Search…</span>
      <kbd className="rounded border border-zinc-200 px-1 font-sans text-xs text-zinc-400">{mac ? "⌘K" : "Ctrl K"}</kbd>
    </button>
  );
}
