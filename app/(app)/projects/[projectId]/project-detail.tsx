"use client";

import Link from "next/link";
import { ApiError } from "@/lib/http/api-client";
import { useProject } from "@/hooks/api/use-projects";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { DeleteProject } from "./delete-project";
import { ProjectSettingsForm } from "./project-settings-form";

export function ProjectDetail({ projectId }: { projectId: string }) {
  const project = useProject(projectId);

  if (project.isPending) return <LoadingBlock label="Loading project…" />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <div className="mx-auto max-w-3xl">
          <h1 className="sr-only">Project not found</h1>
          <EmptyState
            title="Project not found"
            description="It was deleted, or it belongs to an organization you are not a member of."
            action={
              <Link href="/projects" className={buttonClasses({ variant: "secondary" })}>
                Back to projects
              </Link>
            }
          />
        </div>
      );
    }
    return (
      <div className="mx-auto max-w-3xl">
        <h1 className="mb-4 text-lg font-semibold">Project</h1>
        <ApiErrorAlert error={project.error} />
      </div>
    );
  }

  const data = project.data;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-xs text-zinc-500">
          <Link href="/projects" className="hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Projects
          </Link>
          <span aria-hidden> / </span>
          <span>{data.orgName}</span>
        </nav>
        <PageHeader
          title={data.name}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <span className={`font-mono text-xs ${data.repoUrl ? "" : "italic"}`}>{data.repoUrl ?? "empty repository"}</span>
              <Badge>{data.defaultBranch}</Badge>
            </span>
          }
          actions={
            <>
              <Link href={`/projects/${data.id}/specs`} className={buttonClasses({ variant: "secondary" })}>
                Specs
              </Link>
              <Link href={`/projects/${data.id}/board`} className={buttonClasses({ variant: "secondary" })}>
                Board
              </Link>
            </>
          }
        />
      </div>
      {data.sharedRepoWith.length > 0 ? (
        <Alert tone="info" title="This repository is shared">
          {data.sharedRepoWith.join(", ")} {data.sharedRepoWith.length === 1 ? "uses" : "use"} the same repository. Their agents
          push their own branches there too.
        </Alert>
      ) : null}
      <ProjectSettingsForm project={data} />
      <DeleteProject project={data} />
    </div>
  );
}
