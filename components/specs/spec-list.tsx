"use client";

import Link from "next/link";
import { useProject } from "@/hooks/api/use-projects";
import { useSpecs } from "@/hooks/api/use-specs";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { SpecBadges, SpecProgress } from "./spec-badges";
import { formatRelative } from "./spec-status";
import { deriveSpecListStatus } from "./spec-story";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";

/** A project's specs, newest first, each linking to its page. */
export function SpecList({ projectId }: { projectId: string }) {
  const specs = useSpecs(projectId);
  const project = useProject(projectId);

  return (
    <div className="mx-auto max-w-5xl">
      <Breadcrumbs
        className="mb-2"
        items={[
          { label: "Projects", href: "/projects" },
          { label: project.data?.name ?? "Project", href: `/projects/${projectId}` },
        ]}
      />
      <PageHeader
        title="Specs"
        description="Ideas turned into requirements, design and tasks by the agent."
        actions={
          <Link href="/command" className={buttonClasses()}>
            New spec
          </Link>
        }
      />
      {specs.isPending ? (
        <LoadingBlock label="Loading specs…" />
      ) : specs.isError ? (
        <ApiErrorAlert error={specs.error} />
      ) : specs.data.length === 0 ? (
        <EmptyState
          title="No specs yet"
          description="Describe an idea on the command page and the agent turns it into a spec."
          action={
            <Link href="/command" className={buttonClasses({ variant: "secondary" })}>
              Start from the command page
            </Link>
          }
        />
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-xs">
          {specs.data.map((spec) => {
            const { bar } = deriveSpecListStatus(spec);
            return (
              <li key={spec.id} className="relative flex flex-col gap-2 px-4 py-3 focus-within:bg-zinc-50 hover:bg-zinc-50 md:flex-row md:items-center md:gap-4">
                <div className="min-w-0 flex-1">
                  <h2 className="truncate text-sm font-medium text-zinc-900">
                    {/* The link covers the row; its name stays the spec's title. */}
                    <Link href={`/projects/${projectId}/specs/${spec.id}`} className="outline-none after:absolute after:inset-0 focus-visible:underline">
                      {spec.title}
                    </Link>
                  </h2>
                  <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                    <SpecBadges spec={spec} />
                    <span>
                      Updated <time dateTime={spec.updatedAt}>{formatRelative(spec.updatedAt)}</time>
                    </span>
                  </div>
                </div>
                <div className="w-full md:w-44">
                  <SpecProgress value={spec.progress} label={`${bar} of ${spec.title}`} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
