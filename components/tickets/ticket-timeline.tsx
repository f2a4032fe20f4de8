"use client";

import Link from "next/link";
import { useState } from "react";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import { buttonClasses } from "@/components/ui/button";
import { EventTimeline } from "@/components/events/event-timeline";

type Task = TicketDetail["tasks"][number];

/**
 * The live timeline of one of the ticket's sandboxes — the newest by default, any other from the picker, which names
 * the agent's attempts and the integration sandboxes that tested its merges apart.
 */
export function TicketTimeline({ tasks }: { tasks: TicketDetail["tasks"] }) {
  const [chosenSandbox, setChosenSandbox] = useState<string | null>(null);
  const latest = tasks.at(-1);
  const active = latest && (latest.status === "queued" || latest.status === "running");
  const sandboxes = tasks.flatMap((task, index) => sandboxChoices(task, tasks.length > 1 ? ` (run ${index + 1})` : ""));
  const sandboxId = chosenSandbox ?? sandboxes.at(-1)?.id ?? null;
  // The task is completed while its work is merged and tested, but that runs in a sandbox of its own (the latest one),
  // whose events would otherwise be read once, when it had none yet, and never again.
  const live = Boolean((active || latest?.integration === "integrating") && sandboxId === sandboxes.at(-1)?.id);

  return (
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
        <EventTimeline key={sandboxId} path={`/api/v1/sandboxes/${sandboxId}/events`} live={live} title="Agent events" />
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-600">
          {active ? "Waiting for a sandbox to start…" : "The timeline appears once an agent runs this ticket."}
        </p>
      )}
    </section>
  );
}

/** A task's sandboxes as the timeline picker names them: its agent's attempts, and the test runs on its merges. */
function sandboxChoices(task: Task, suffix: string) {
  let attempts = 0;
  let checks = 0;
  return task.sandboxes.map((s) => ({
    id: s.id,
    label: s.purpose === "integration" ? `Integration tests ${++checks}${suffix}` : `Attempt ${++attempts}${suffix}`,
  }));
}
