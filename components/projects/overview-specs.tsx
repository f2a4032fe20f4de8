import Link from "next/link";
import type { ProjectOverviewDto } from "@/lib/projects/project-overview-schemas";
import { SpecBadges, SpecProgress } from "@/components/specs/spec-badges";
import { formatRelative, formatUsd } from "@/components/specs/spec-status";
import { SectionCard } from "@/components/ui/card";

/** The project's latest specs with their status and progress, each linking to its page. */
export function OverviewSpecs({ projectId, specs, specCount }: { projectId: string; specs: ProjectOverviewDto["specs"]; specCount: number }) {
  return (
    <SectionCard
      title="Specs"
      description={specCount > specs.length ? `The latest ${specs.length} of ${specCount}` : `${specCount} in all`}
      actions={
        <Link href={`/projects/${projectId}/specs`} className="text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          All specs
        </Link>
      }
    >
      {specs.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No specs yet.{" "}
          <Link href="/command" className="font-medium text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            Describe an idea
          </Link>{" "}
          and the agent turns it into one.
        </p>
      ) : (
        <ul className="-my-2 divide-y divide-zinc-100">
          {specs.map((spec) => (
            <li key={spec.id} className="flex flex-col gap-1.5 py-2 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <h3 className="truncate text-sm font-medium">
                  <Link href={`/projects/${projectId}/specs/${spec.id}`} className="text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {spec.title}
                  </Link>
                </h3>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                  <SpecBadges spec={spec} />
                  <span>{formatUsd(spec.costUsd)}</span>
                  <span>
                    Updated <time dateTime={spec.updatedAt}>{formatRelative(spec.updatedAt)}</time>
                  </span>
                </div>
              </div>
              <div className="w-full sm:w-36">
                <SpecProgress value={spec.progress} label={`Progress of ${spec.title}`} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
