"use client";

import { PageLoadError } from "@/components/ui/page-load-error";
import Link from "next/link";
import { useProject } from "@/hooks/api/use-projects";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { DeleteProject } from "./delete-project";
import { ProjectSettingsForm } from "./project-settings-form";

export function ProjectDetail({ projectId }: { projectId: string }) {
  const project = useProject(projectId);

  if (project.isPending) return <LoadingBlock label="Loading project…" />;
  if (project.isError) return <PageLoadError error={project.error} what="Project" backHref="/projects" backLabel="Back to projects" />;

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
