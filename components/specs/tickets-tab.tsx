"use client";

import Link from "next/link";
import { useSpecTickets } from "@/hooks/api/use-specs";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";

const STATUS_TONES = { backlog: "neutral", analyzing: "accent", building: "accent", testing: "warning", review: "warning", done: "success" } as const;

/** The tickets made from the spec's tasks, refreshed every 2 s while they run. */
export function TicketsTab({ projectId, specId, live }: { projectId: string; specId: string; live: boolean }) {
  const tickets = useSpecTickets({ projectId, specId, live });
  if (tickets.isPending) return <LoadingBlock label="Loading tickets…" />;
  if (tickets.isError) return <ApiErrorAlert error={tickets.error} />;
  if (tickets.data.length === 0) {
    return <EmptyState title="No tickets yet" description="Tickets are made from the tasks when SYNC finishes, or when you press Execute tasks." />;
  }
  const done = tickets.data.filter((ticket) => ticket.status === "done").length;
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-500">
        {done} of {tickets.data.length} done
      </p>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
        {tickets.data.map((ticket) => (
          <li key={ticket.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
            <Link
              href={`/projects/${projectId}/tickets/${ticket.id}`}
              className="min-w-0 flex-1 rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span className="mr-2 font-mono text-xs text-zinc-500">{ticket.key}</span>
              <span className="text-zinc-900">{ticket.title}</span>
            </Link>
            <span className="flex items-center gap-1.5">
              {ticket.running ? (
                <span className="inline-flex items-center gap-1 text-xs text-indigo-700">
                  <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-indigo-500" />
                  Running
                </span>
              ) : null}
              {ticket.isBlocked ? <Badge tone="danger">Blocked</Badge> : null}
              <Badge tone={STATUS_TONES[ticket.status]}>{ticket.status}</Badge>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
