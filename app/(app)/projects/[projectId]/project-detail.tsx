"use client";

import Link from "next/link";
import { useProjectOverview } from "@/hooks/api/use-projects";
import { LastDeliveryBadge } from "@/components/projects/last-delivery-badge";
import { OverviewActivity } from "@/components/projects/overview-activity";
import { OverviewSpecs } from "@/components/projects/overview-specs";
import { OverviewTickets } from "@/components/projects/overview-tickets";
import { RepoHealthBadge } from "@/components/projects/repo-health-badge";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/shell/page-header";
import { formatUsd } from "@/components/specs/spec-status";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { PageLoadError } from "@/components/ui/page-load-error";
import { LoadingBlock } from "@/components/ui/spinner";

/** A project at a glance: its repository's health, specs, tickets per column, recent activity and cost. */
export function ProjectDetail({ projectId }: { projectId: string }) {
  const overview = useProjectOverview(projectId);

  if (overview.isPending) return <LoadingBlock label="Loading project…" />;
  if (overview.isError) return <PageLoadError error={overview.error} what="Project" backHref="/projects" backLabel="Back to projects" />;

  const { project, specs, specCount, tickets, activity, cost } = overview.data;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <Breadcrumbs className="mb-2" items={[{ label: "Projects", href: "/projects" }, { label: project.orgName }]} />
        <PageHeader
          title={project.name}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <span className={`min-w-0 break-all font-mono text-xs ${project.repoUrl ? "" : "italic"}`}>{project.repoUrl ?? "empty repository"}</span>
              <Badge>{project.defaultBranch}</Badge>
              <RepoHealthBadge health={project.repoHealth} />
              <LastDeliveryBadge delivery={project.lastDelivery} />
            </span>
          }
          actions={
            <>
              <Link href={`/projects/${project.id}/board`} className={buttonClasses({ variant: "secondary" })}>
                Board
              </Link>
              <Link href={`/projects/${project.id}/specs`} className={buttonClasses({ variant: "secondary" })}>
                Specs
              </Link>
              <Link href={`/projects/${project.id}/settings`} className={buttonClasses({ variant: "secondary" })}>
                Settings
              </Link>
            </>
          }
        />
      </div>
      {project.repoHealth.status === "unreachable" && project.repoHealth.message ? (
        <Alert tone="warning" title="Agents cannot use the repository right now">
          {project.repoHealth.message}
        </Alert>
      ) : null}
      {project.sharedRepoWith.length > 0 ? (
        <Alert tone="info" title="This repository is shared">
          {project.sharedRepoWith.join(", ")} {project.sharedRepoWith.length === 1 ? "uses" : "use"} the same repository. Their agents
          push their own branches there too.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <OverviewTickets projectId={project.id} tickets={tickets} />
          <OverviewSpecs projectId={project.id} specs={specs} specCount={specCount} />
        </div>
        <div className="min-w-0 space-y-6">
          <SectionCard title="Cost" description="Model usage of its agents, all time.">
            <p className="text-2xl font-semibold tabular-nums text-zinc-900">{formatUsd(cost.totalUsd)}</p>
            <dl className="mt-2 space-y-1 text-xs">
              <div className="flex justify-between gap-2">
                <dt className="text-zinc-600">Specs (their tickets included)</dt>
                <dd className="tabular-nums text-zinc-800">{formatUsd(cost.specsUsd)}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt className="text-zinc-600">Quick tickets</dt>
                <dd className="tabular-nums text-zinc-800">{formatUsd(cost.quickTicketsUsd)}</dd>
              </div>
            </dl>
          </SectionCard>
          <OverviewActivity projectId={project.id} activity={activity} />
        </div>
      </div>
    </div>
  );
}
