"use client";

import { isAdminRole } from "@/lib/orgs/org-schemas";
import { useProject } from "@/hooks/api/use-projects";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/shell/page-header";
import { PageLoadError } from "@/components/ui/page-load-error";
import { LoadingBlock } from "@/components/ui/spinner";
import { DeleteProject } from "./delete-project";
import { ProjectSettingsForm } from "./project-settings-form";

/** A project's settings; what only owners and admins may change is shown to members read-only, deletion not at all. */
export function ProjectSettings({ projectId }: { projectId: string }) {
  const project = useProject(projectId);

  if (project.isPending) return <LoadingBlock label="Loading project…" />;
  if (project.isError) return <PageLoadError error={project.error} what="Project" backHref="/projects" backLabel="Back to projects" />;

  const data = project.data;
  const isAdmin = isAdminRole(data.viewerRole);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Breadcrumbs
          className="mb-2"
          items={[
            { label: "Projects", href: "/projects" },
            { label: data.name, href: `/projects/${data.id}` },
            { label: "Settings" },
          ]}
        />
        <PageHeader
          title="Settings"
          description={isAdmin ? `How agents work on ${data.name}.` : `How agents work on ${data.name}. The repository, test command, budget and concurrency are for owners and admins of ${data.orgName} to change.`}
        />
      </div>
      <ProjectSettingsForm project={data} canAdminister={isAdmin} />
      {isAdmin ? <DeleteProject project={data} /> : null}
    </div>
  );
}
