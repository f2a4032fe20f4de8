import Link from "next/link";
import type { ProjectOverviewDto } from "@/lib/projects/project-overview-schemas";
import { TICKET_STATUSES, TICKET_STATUS_TITLES as COLUMN_TITLES } from "@/lib/tickets/ticket-status";
import { SectionCard } from "@/components/ui/card";

/** How many tickets each board column holds, in board order, with the way to the board. */
export function OverviewTickets({ projectId, tickets }: { projectId: string; tickets: ProjectOverviewDto["tickets"] }) {
  return (
    <SectionCard
      title="Tickets"
      description={`${tickets.total} in all${tickets.blocked ? `, ${tickets.blocked} blocked` : ""}`}
      actions={
        <Link href={`/projects/${projectId}/board`} className="text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          Open the board
        </Link>
      }
    >
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        {TICKET_STATUSES.map((status) => (
          <div key={status} className="rounded-md bg-zinc-50 px-2 py-1.5 text-center">
            <dt className="truncate text-xs text-zinc-600">{COLUMN_TITLES[status]}</dt>
            <dd className="text-lg font-semibold tabular-nums text-zinc-900">{tickets.byStatus[status]}</dd>
          </div>
        ))}
      </dl>
    </SectionCard>
  );
}
