import Link from "next/link";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";

/** Tickets this one waits for, or that wait for it, each marked done or not. */
export function DependencyList({ title, projectId, tickets, empty }: { title: string; projectId: string; tickets: TicketDetail["dependsOn"]; empty: string }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-600">{title}</h3>
      {tickets.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {tickets.map((t) => (
            <li key={t.id} className="flex items-center gap-2 text-sm">
              <span role="img" aria-label={t.status === "done" ? "done" : "not done"} className={t.status === "done" ? "text-emerald-700" : "text-zinc-500"}>
                {t.status === "done" ? "✓" : "○"}
              </span>
              <Link href={`/projects/${projectId}/tickets/${t.id}`} className="min-w-0 truncate hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                <span className="font-mono text-zinc-600">{t.key}</span> {t.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
