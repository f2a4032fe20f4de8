import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";

type Task = TicketDetail["tasks"][number];

export interface RunStateInput {
  ticket: Pick<TicketDetail["ticket"], "status">;
  tasks: readonly Pick<Task, "status" | "integration" | "runRequested">[];
  dependsOn: readonly Pick<TicketDetail["dependsOn"][number], "key" | "status">[];
  spec: Pick<NonNullable<TicketDetail["spec"]>, "branch"> | null;
  autoRun: boolean;
}

export interface RunState {
  /** The Run button and its label; null when pressing it would do nothing (the server would refuse it, or it runs). */
  run: "Run" | "Run again" | null;
  /** Something is queued or running: Cancel stops it. */
  canCancel: boolean;
  /** A done ticket: Reopen (to the backlog) and Re-run (reopen and queue a new run). */
  canReopen: boolean;
  /** What happens next, or why Run is not offered; null when there is nothing to say. */
  note: string | null;
}

const pronoun = (keys: string) => (keys.includes(" and ") ? "they are" : "it is");
const list = (keys: readonly string[]) => (keys.length > 1 ? `${keys.slice(0, -1).join(", ")} and ${keys.at(-1)}` : (keys[0] ?? ""));

/**
 * Which of Run, Cancel and Reopen the ticket page offers, and the sentence that says what will happen — the same
 * rules the server applies: the dispatcher starts a queued task only once every ticket it depends on is done, Run is
 * refused while work is queued, running, or waiting for review or integration, and a done ticket is reopened, not run.
 */
export function runState({ ticket, tasks, dependsOn, spec, autoRun }: RunStateInput): RunState {
  const latest = tasks.at(-1);
  const waitsFor = list(dependsOn.filter((d) => d.status !== "done").map((d) => d.key));
  const none: RunState = { run: null, canCancel: false, canReopen: false, note: null };

  if (ticket.status === "done") {
    const merged = spec && latest?.integration === "integrated";
    return {
      ...none,
      canReopen: true,
      note: merged ? `Done: its work is merged into ${spec.branch ?? "the spec branch"}. Reopening it does not take the work out of that branch.` : null,
    };
  }
  if (latest?.status === "running") return { ...none, canCancel: true, note: "An agent is working on it." };
  if (latest?.status === "queued") {
    if (waitsFor) return { ...none, canCancel: true, note: `Queued: waits for ${waitsFor}. An agent starts once ${pronoun(waitsFor)} done.` };
    const why = latest.runRequested ? "Queued" : spec ? "The spec runs its tickets by itself" : "The project has auto-run on";
    return { ...none, canCancel: true, note: `${why}: it starts as soon as the project has a free agent slot.` };
  }
  if (latest?.integration === "review") return { ...none, note: "Its work waits for review (below): approve it or request changes." };
  if (latest?.integration === "queued" || latest?.integration === "integrating") {
    return { ...none, note: "Its work is being merged into the spec branch and tested there; the card moves by itself." };
  }

  const again = latest?.status === "failed" || latest?.status === "cancelled" || latest?.status === "completed";
  const run = again ? "Run again" : "Run";
  if (waitsFor) return { ...none, run, note: `Waits for ${waitsFor}: Run queues it, and an agent starts once ${pronoun(waitsFor)} done.` };
  if (latest?.status === "failed") return { ...none, run, note: "The last run failed (below). Run again starts with a fresh set of attempts." };
  if (latest?.status === "cancelled") return { ...none, run, note: "The last run was cancelled." };
  if (again) return { ...none, run, note: null };
  if (!autoRun) {
    return {
      ...none,
      run,
      note: spec
        ? "Waits for Run: the spec does not run its tickets by itself (Run here, or Execute tasks on the spec)."
        : "Waits for Run: the project's auto-run is off, so an agent starts only when you press Run.",
    };
  }
  return { ...none, run, note: "Waits for Run: nothing has queued it yet." };
}
