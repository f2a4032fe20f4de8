"use client";

import { PageLoadError } from "@/components/ui/page-load-error";
import Link from "next/link";
import { useState } from "react";
import { useTicketAction, useTicketDetail } from "@/hooks/api/use-tickets";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { EventTimeline } from "@/components/events/event-timeline";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TaskRun } from "./task-run";
import { TicketChanges } from "./ticket-changes";

type Task = TicketDetail["tasks"][number];

const STATUS_LABELS: Record<string, string> = { backlog: "Backlog", analyzing: "Analyzing", building: "Building", testing: "Testing", review: "Review", done: "Done" };

/** A ticket: what it asks, what it waits for, every run of its agent (branch, commits, PR) and the live timeline. */
export function TicketDetailView({ projectId, ticketId }: { projectId: string; ticketId: string }) {
  const detail = useTicketDetail(ticketId);
  const act = useTicketAction(ticketId);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [chosenSandbox, setChosenSandbox] = useState<string | null>(null);

  if (detail.isPending) return <LoadingBlock label="Loading the ticket…" />;
  if (detail.isError) return <PageLoadError error={detail.error} what="Ticket" backHref={`/projects/${projectId}/board`} backLabel="Back to the board" />;
  const { ticket, dependsOn, blocks, tasks } = detail.data;
  const latest = tasks.at(-1);
  const active = latest && (latest.status === "queued" || latest.status === "running");
  // Accepted work waiting for review or being merged: Run would skip that step (the server refuses it too).
  const inPipeline = latest?.integration === "review" || latest?.integration === "queued" || latest?.integration === "integrating";
  const sandboxes = tasks.flatMap((task) => sandboxChoices(task, tasks.length > 1 ? ` (run ${tasks.indexOf(task) + 1})` : ""));
  const sandboxId = chosenSandbox ?? sandboxes.at(-1)?.id ?? null;
  // The task is completed while its work is merged and tested, but that runs in a sandbox of its own (the latest one),
  // whose events would otherwise be read once, when it had none yet, and never again.
  const timelineLive = Boolean((active || latest?.integration === "integrating") && sandboxId === sandboxes.at(-1)?.id);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <Breadcrumbs
        items={[
          { label: "Board", href: `/projects/${projectId}/board` },
          ...(ticket.specId ? [{ label: "Spec", href: `/projects/${projectId}/specs/${ticket.specId}` }] : []),
          { label: <span className="font-mono">{ticket.key}</span> },
        ]}
      />
      <PageHeader
        title={
          <span>
            <span className="mr-2 font-mono text-zinc-500">{ticket.key}</span>
            {ticket.title}
          </span>
        }
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={ticket.status === "done" ? "success" : "neutral"}>{STATUS_LABELS[ticket.status] ?? ticket.status}</Badge>
            <Badge tone={ticket.priority === "CRITICAL" || ticket.priority === "HIGH" ? "warning" : "neutral"}>{ticket.priority.toLowerCase()} priority</Badge>
            {ticket.running && (
              <span className="inline-flex items-center gap-1 text-xs text-indigo-700">
                <span aria-hidden className="size-2 animate-pulse rounded-full bg-indigo-500" />
                agent running
              </span>
            )}
          </span>
        }
        actions={
          <>
            {!active && ticket.status !== "done" && !inPipeline && (
              <Button onClick={() => act.mutate("run")} loading={act.isPending && act.variables === "run"}>
                {latest?.status === "failed" || latest?.status === "cancelled" ? "Run again" : "Run"}
              </Button>
            )}
            {active && (
              <Button variant="secondary" onClick={() => setConfirmCancel(true)} loading={act.isPending && act.variables === "cancel"}>
                Cancel
              </Button>
            )}
          </>
        }
      />
      {act.isError && <ApiErrorAlert error={act.error} />}
      {ticket.isBlocked && <Alert title="Blocked">{ticket.blockedReason ?? "This ticket is blocked."}</Alert>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="ticket-description" className="min-w-0 space-y-2">
          <h2 id="ticket-description" className="text-sm font-semibold text-zinc-900">
            Description
          </h2>
          {ticket.description.trim() ? (
            <p className="whitespace-pre-wrap rounded-lg border border-zinc-200 bg-white p-3 text-sm text-zinc-700">{ticket.description}</p>
          ) : (
            <p className="text-sm text-zinc-500">No description.</p>
          )}
        </section>
        <aside aria-label="Dependencies" className="space-y-4">
          <DependencyList title="Waits for" projectId={projectId} tickets={dependsOn} empty="Nothing: it can run at once." />
          <DependencyList title="Blocks" projectId={projectId} tickets={blocks} empty="No ticket waits for it." />
        </aside>
      </div>

      <TicketChanges detail={detail.data} />

      <section aria-labelledby="ticket-runs" className="space-y-2">
        <h2 id="ticket-runs" className="text-sm font-semibold text-zinc-900">
          Runs
        </h2>
        {tasks.length === 0 ? (
          <p className="text-sm text-zinc-500">No agent has worked on it yet. Press Run to queue it.</p>
        ) : (
          <ul className="space-y-2">
            {tasks.map((task, index) => (
              <TaskRun key={task.id} task={task} index={index} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ticket-timeline" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="ticket-timeline" className="text-sm font-semibold text-zinc-900">
            Agent timeline
          </h2>
          {sandboxes.length > 1 && (
            <label className="flex items-center gap-2 text-sm text-zinc-600">
              Sandbox
              <select
                value={sandboxId ?? ""}
                onChange={(event) => setChosenSandbox(event.target.value)}
                className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {sandboxes.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {sandboxId && (
            <Link href={`/sandboxes/${sandboxId}`} className={buttonClasses({ variant: "ghost", size: "sm" })}>
              Sandbox details and log
            </Link>
          )}
        </div>
        {sandboxId ? (
          <EventTimeline key={sandboxId} path={`/api/v1/sandboxes/${sandboxId}/events`} live={timelineLive} title="Agent events" />
        ) : (
          <p className="rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-500">
            {active ? "Waiting for a sandbox to start…" : "The timeline appears once an agent runs this ticket."}
          </p>
        )}
      </section>

      <ConfirmDialog
        open={confirmCancel}
        onCancel={() => setConfirmCancel(false)}
        title={`Cancel ${ticket.key}?`}
        description="The agent is stopped and its sandbox ended. Commits not yet delivered are lost; you can run it again later."
        confirmLabel="Cancel the run"
        pending={act.isPending}
        onConfirm={() => {
          setConfirmCancel(false);
          act.mutate("cancel");
        }}
      />
    </div>
  );
}

function DependencyList({ title, projectId, tickets, empty }: { title: string; projectId: string; tickets: TicketDetail["dependsOn"]; empty: string }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {tickets.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-500">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {tickets.map((t) => (
            <li key={t.id} className="flex items-center gap-2 text-sm">
              <span aria-label={t.status === "done" ? "done" : "not done"} className={t.status === "done" ? "text-emerald-600" : "text-zinc-500"}>
                {t.status === "done" ? "✓" : "○"}
              </span>
              <Link href={`/projects/${projectId}/tickets/${t.id}`} className="min-w-0 truncate hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                <span className="font-mono text-zinc-500">{t.key}</span> {t.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A task's sandboxes as the timeline picker names them: its agent's attempts, and the test runs on its merges. */
function sandboxChoices(task: Task, suffix: string) {
  let attempts = 0;
  let checks = 0;
  return task.sandboxes.map((s) => ({
    id: s.id,
    task,
    label: s.purpose === "integration" ? `Integration tests ${++checks}${suffix}` : `Attempt ${++attempts}${suffix}`,
  }));
}
