"use client";

import Link from "next/link";
import { useProjects } from "@/hooks/api/use-projects";
import { ProjectBoard } from "@/components/board/project-board";
import { PageHeader } from "@/components/shell/page-header";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";

/**
 * /board: the board of `?project=` or of the first project, shown in place (not redirected) so the Board entry of the
 * navigation stays current; picking another project goes to /projects/<id>/board.
 */
export function BoardView({ projectId }: { projectId: string | undefined }) {
  const projects = useProjects();

  if (projects.isPending) return <LoadingBlock label="Loading projects…" />;

  const list = projects.data ?? [];
  const selected = list.find((project) => project.id === projectId) ?? list[0];
  if (selected) return <ProjectBoard key={selected.id} projectId={selected.id} />;

  return (
    <div className="flex min-h-full flex-col">
      <PageHeader title="Board" description="Tickets of a project, by stage." />
      {projects.isError ? (
        <ApiErrorAlert error={projects.error} />
      ) : (
        <EmptyState
          title="No projects yet"
          description="The board shows the tickets of a project. Create a project first."
          action={
            <Link href="/projects" className={buttonClasses({ variant: "secondary" })}>
              Go to projects
            </Link>
          }
        />
      )}
    </div>
  );
}
