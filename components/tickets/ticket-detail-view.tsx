"use client";

import { PageLoadError } from "@/components/ui/page-load-error";
import { useTicketDetail } from "@/hooks/api/use-tickets";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { AssigneePicker } from "./assignee-picker";
import { DependencyList } from "./dependency-list";
import { runState } from "./run-state";
import { TaskRun } from "./task-run";
import { TicketActions } from "./ticket-actions";
import { TicketChanges } from "./ticket-changes";
import { TICKET_STATUS_TITLES } from "@/lib/tickets/ticket-status";
import { TicketCriteria } from "./ticket-criteria";
import { TicketEvidence } from "./ticket-evidence";
import { TicketTimeline } from "./ticket-timeline";


/**
 * A ticket: what it asks (its description and acceptance criteria, once), who works on it, what it waits for, what
 * the server verified apart from what the agent says, its changes, every run of its agent and the live timeline.
 */
export function TicketDetailView({ projectId, ticketId }: { projectId: string; ticketId: string }) {
  const detail = useTicketDetail(ticketId);

  if (detail.isPending) return <LoadingBlock label="Loading the ticket…" />;
  if (detail.isError) return <PageLoadError error={detail.error} what="Ticket" backHref={`/projects/${projectId}/board`} backLabel="Back to the board" />;
  const { ticket, dependsOn, blocks, tasks, criteria, claims } = detail.data;
  const state = runState(detail.data);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <Breadcrumbs
        items={[
          { label: "Board", href: `/projects/${projectId}/board` },
          ...(ticket.specId ? [{ label: "Spec", href: `/projects/${projectId}/specs/${ticket.specId}` }] : []),
          { label: <span className="font-mono">{ticket.key}</span> },
        ]}
      />
      <div className="space-y-3">
        <PageHeader
          title={
            <span>
              <span className="mr-2 font-mono text-zinc-500">{ticket.key}</span>
              {ticket.title}
            </span>
          }
          description={
            <span className="inline-flex flex-wrap items-center gap-2">
              <Badge tone={ticket.status === "done" ? "success" : "neutral"}>{TICKET_STATUS_TITLES[ticket.status]}</Badge>
              <Badge tone={ticket.priority === "CRITICAL" || ticket.priority === "HIGH" ? "warning" : "neutral"}>{ticket.priority.toLowerCase()} priority</Badge>
              {ticket.running && (
                <span className="inline-flex items-center gap-1 text-xs text-indigo-700">
                  <span aria-hidden className="size-2 animate-pulse rounded-full bg-indigo-500" />
                  agent running
                </span>
              )}
            </span>
          }
        />
        <TicketActions detail={detail.data} state={state} />
      </div>
      {ticket.isBlocked && <Alert title="Blocked">{ticket.blockedReason ?? "This ticket is blocked."}</Alert>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="ticket-description" className="space-y-2">
            <h2 id="ticket-description" className="text-sm font-semibold text-zinc-900">
              Description
            </h2>
            {ticket.description.trim() ? (
              <Markdown className="rounded-lg border border-zinc-200 bg-white p-3 text-sm text-zinc-800">{ticket.description}</Markdown>
            ) : (
              <p className="text-sm text-zinc-600">No description.</p>
            )}
          </section>
          {criteria.length > 0 && <TicketCriteria criteria={criteria} />}
        </div>
        <aside aria-label="Assignment and dependencies" className="space-y-4">
          <AssigneePicker ticketId={ticket.id} projectId={projectId} assigneeId={ticket.assigneeId} />
          <DependencyList title="Waits for" projectId={projectId} tickets={dependsOn} empty="Nothing: it can run at once." />
          <DependencyList title="Blocks" projectId={projectId} tickets={blocks} empty="No ticket waits for it." />
        </aside>
      </div>

      <TicketEvidence detail={detail.data} />

      <TicketChanges detail={detail.data} />

      <section aria-labelledby="ticket-runs" className="space-y-2">
        <h2 id="ticket-runs" className="text-sm font-semibold text-zinc-900">
          Runs
        </h2>
        {tasks.length === 0 ? (
          <p className="text-sm text-zinc-600">No agent has worked on it yet.</p>
        ) : (
          <ul className="space-y-2">
            {tasks.map((task, index) => (
              <TaskRun key={task.id} task={task} index={index} showSummary={claims?.run !== index + 1} />
            ))}
          </ul>
        )}
      </section>

      <TicketTimeline tasks={tasks} />
    </div>
  );
}
