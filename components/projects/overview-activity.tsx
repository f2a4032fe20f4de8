import Link from "next/link";
import type { OverviewActivityDto } from "@/lib/projects/project-overview-schemas";
import { summarizeEvent } from "@/components/events/summarize-event";
import { formatRelative } from "@/components/specs/spec-status";
import { SectionCard } from "@/components/ui/card";

const TONE_DOT = { error: "bg-red-500", warning: "bg-amber-400", success: "bg-emerald-500", info: "bg-indigo-400", muted: "bg-zinc-300" } as const;

/** The latest things that happened in the project's specs and tickets, each linked to where it happened. */
export function OverviewActivity({ projectId, activity }: { projectId: string; activity: readonly OverviewActivityDto[] }) {
  return (
    <SectionCard title="Recent activity" description="Phases, runs, reviews and failures across the project's specs and tickets.">
      {activity.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing has happened yet: activity appears once an agent starts on a spec or a ticket.</p>
      ) : (
        <ol className="-my-1.5 space-y-0.5">
          {activity.map((event) => {
            const summary = summarizeEvent(event);
            const where = event.ticketId
              ? { href: `/projects/${projectId}/tickets/${event.ticketId}`, label: event.ticketKey ?? "Ticket" }
              : event.specId
                ? { href: `/projects/${projectId}/specs/${event.specId}`, label: event.specTitle ?? "Spec" }
                : null;
            return (
              <li key={event.seq} className="flex items-baseline gap-2 py-1.5 text-sm">
                <span aria-hidden className={`size-2 shrink-0 translate-y-[-1px] rounded-full ${TONE_DOT[summary.tone]}`} />
                <div className="min-w-0 flex-1">
                  <p className="break-words text-zinc-800">
                    {summary.tone === "error" ? <span className="sr-only">Error: </span> : null}
                    {summary.text}
                  </p>
                  <p className="text-xs text-zinc-500">
                    {where ? (
                      <>
                        <Link href={where.href} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                          {where.label}
                        </Link>
                        {" · "}
                      </>
                    ) : null}
                    <time dateTime={event.createdAt}>{formatRelative(event.createdAt)}</time>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </SectionCard>
  );
}
