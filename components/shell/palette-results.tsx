"use client";

import { Command } from "cmdk";
import type { ReactNode } from "react";
import { useProjects } from "@/hooks/api/use-projects";
import type { SearchHit } from "@/lib/search/search-schemas";
import { groupClasses, itemClasses } from "@/components/shell/palette-styles";
import type { RecentItem } from "@/components/shell/recent-items";

/** "Go to project…": the project list is only fetched when this sub-list opens, not on every page. */
export function ProjectChoices({ matches, onOpen }: { matches: (haystack: string) => boolean; onOpen: (item: RecentItem) => void }) {
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
          <span className="text-xs text-zinc-600">{project.orgName}</span>
        </Command.Item>
      ))}
      {!projects.isPending && list.length === 0 && <p className="px-3 py-2 text-sm text-zinc-500">No project matches.</p>}
    </Command.Group>
  );
}

export function ResultGroup({ heading, hits, onOpen }: { heading: string; hits: SearchHit[]; onOpen: (item: RecentItem) => void }) {
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
          {hit.key && <span className="font-mono text-xs text-zinc-600">{hit.key}</span>}
          <span className="min-w-0 flex-1 truncate">{hit.title}</span>
          <span className="hidden max-w-40 truncate text-xs text-zinc-600 sm:inline">
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

export function KindIcon({ kind }: { kind: SearchHit["kind"] }) {
  return (
    <svg role="img" aria-label={kind} viewBox="0 0 24 24" className="size-4 shrink-0 text-zinc-400" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinejoin="round">
      {KIND_ICONS[kind]}
    </svg>
  );
}
