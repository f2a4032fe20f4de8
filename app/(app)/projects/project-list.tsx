"use client";

import Link from "next/link";
import { useState } from "react";
import type { ProjectDto } from "@/lib/projects/project-schemas";
import { useProjects } from "@/hooks/api/use-projects";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { LastDeliveryBadge } from "@/components/projects/last-delivery-badge";
import { RepoHealthBadge } from "@/components/projects/repo-health-badge";
import { NewProjectForm } from "./new-project-form";

export function ProjectList({ startCreating = false }: { startCreating?: boolean }) {
  const projects = useProjects();
  const [creating, setCreating] = useState(startCreating);

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Projects"
        description="Repositories your agents work on, with their settings."
        actions={<Button onClick={() => setCreating(true)}>New project</Button>}
      />
      {projects.isPending ? (
        <LoadingBlock label="Loading projects…" />
      ) : projects.isError ? (
        <ApiErrorAlert error={projects.error} />
      ) : projects.data.length === 0 ? (
        <EmptyState
          title="No projects yet"
          description="A project points OmoiOS at a repository: a git URL, a local path, or nothing yet for a fresh start."
          action={
            <Button variant="secondary" onClick={() => setCreating(true)}>
              Create a project
            </Button>
          }
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.data.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="New project"
        description="You can change every setting later."
      >
        <NewProjectForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}

function ProjectCard({ project }: { project: ProjectDto }) {
  return (
    <article className="group relative h-full rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition-colors focus-within:outline-2 focus-within:outline-indigo-600 hover:border-zinc-300">
      <div className="flex items-start justify-between gap-2">
        <h2 className="min-w-0 truncate text-sm font-semibold text-zinc-900">
          {/* The link covers the card, so the whole card is clickable but the accessible name stays the project's name. */}
          <Link href={`/projects/${project.id}`} className="outline-none after:absolute after:inset-0">
            {project.name}
          </Link>
        </h2>
        <Badge tone={project.approvalMode === "manual" ? "warning" : "accent"}>
          {project.approvalMode === "manual" ? "Manual approval" : "Auto approval"}
        </Badge>
      </div>
      <p className="mt-0.5 truncate text-xs text-zinc-500">{project.orgName}</p>
      <dl className="mt-3 space-y-1 text-xs">
        <div className="flex gap-2">
          <dt className="w-14 shrink-0 text-zinc-500">Repo</dt>
          <dd
            title={project.repoUrl ?? undefined}
            className={`min-w-0 truncate font-mono ${project.repoUrl ? "text-zinc-700" : "text-zinc-500 italic"}`}
          >
            {project.repoUrl ?? "empty repository"}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-14 shrink-0 text-zinc-500">Branch</dt>
          <dd className="min-w-0 truncate font-mono text-zinc-700">{project.defaultBranch}</dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-1.5">
        <RepoHealthBadge health={project.repoHealth} />
        <LastDeliveryBadge delivery={project.lastDelivery} />
      </div>
    </article>
  );
}
