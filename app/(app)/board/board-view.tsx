"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { TICKET_STATUSES } from "@/lib/projects/project-schemas";
import { useProjects } from "@/hooks/api/use-projects";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { ProjectPicker } from "@/components/projects/project-picker";

const COLUMN_TITLES: Record<(typeof TICKET_STATUSES)[number], string> = {
  backlog: "Backlog",
  analyzing: "Analyzing",
  building: "Building",
  testing: "Testing",
  done: "Done",
};

export function BoardView({ projectId }: { projectId: string | undefined }) {
  const router = useRouter();
  const projects = useProjects();

  if (projects.isPending) return <LoadingBlock label="Loading projects…" />;

  const list = projects.data ?? [];
  const selected = list.find((project) => project.id === projectId) ?? list[0];

  return (
    <div className="flex min-h-full flex-col">
      <PageHeader
        title="Board"
        description="Tickets of a project, by stage."
        actions={
          list.length > 0 ? (
            <ProjectPicker
              className="w-64"
              projects={list}
              value={selected?.id}
              // The choice lives in the URL so the board can be linked and survives reloads.
              onChange={(id) => router.replace(`/board?project=${encodeURIComponent(id)}`, { scroll: false })}
            />
          ) : null
        }
      />
      {projects.isError ? (
        <ApiErrorAlert error={projects.error} />
      ) : !selected ? (
        <EmptyState
          title="No projects yet"
          description="The board shows the tickets of a project. Create a project first."
          action={
            <Link href="/projects" className={buttonClasses({ variant: "secondary" })}>
              Go to projects
            </Link>
          }
        />
      ) : (
        <section aria-labelledby="board-heading" className="space-y-3">
          <h2 id="board-heading" className="sr-only">
            Tickets of {selected.name}
          </h2>
          <p role="status" className="rounded-md border border-dashed border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-600">
            No tickets yet — tickets appear here when a spec is synced or a task is created.
          </p>
          <div
            role="group"
            aria-label="Board columns"
            // Columns scroll sideways on narrow screens; a focusable region lets keyboard users scroll too.
            tabIndex={0}
            className="relative grid auto-cols-[minmax(9rem,1fr)] grid-flow-col gap-3 overflow-x-auto rounded-lg pb-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {TICKET_STATUSES.map((status) => (
              <section key={status} aria-labelledby={`column-${status}`} className="rounded-lg bg-zinc-100/80 p-2">
                <div className="flex items-center justify-between px-1 pb-2">
                  <h3 id={`column-${status}`} className="text-xs font-semibold uppercase tracking-wide text-zinc-600">
                    {COLUMN_TITLES[status]}
                  </h3>
                  <span className="text-xs tabular-nums text-zinc-400">
                    0<span className="sr-only"> tickets</span>
                  </span>
                </div>
                <div className="h-40 rounded-md border border-dashed border-zinc-300" />
              </section>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
