import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import { shortSha } from "@/components/diff/diff-format";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";

type Task = TicketDetail["tasks"][number];

const TASK_TONES: Record<string, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  pending: "neutral",
  queued: "accent",
  running: "accent",
  completed: "success",
  failed: "danger",
  cancelled: "warning",
};

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/**
 * One run of the ticket's agent: its state, attempts, branch, what the server delivered of it, its pull request, and
 * — folded, unless the evidence panel already shows it as the latest report — the agent's summary.
 */
export function TaskRun({ task, index, showSummary }: { task: Task; index: number; showSummary: boolean }) {
  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-zinc-900">Run {index + 1}</span>
        <Badge tone={TASK_TONES[task.status] ?? "neutral"}>{task.status}</Badge>
        <span className="text-xs text-zinc-600">
          attempt {task.attempt}/{task.maxAttempts} · started {time(task.startedAt)}
          {task.completedAt ? ` · finished ${time(task.completedAt)}` : ""}
          {task.costUsd > 0 ? ` · $${task.costUsd.toFixed(4)}` : ""}
        </span>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[8rem_1fr]">
        {task.branch && (
          <>
            <dt className="text-zinc-600">Branch</dt>
            <dd className="break-all font-mono text-zinc-800">{task.branch}</dd>
          </>
        )}
        {task.delivered && (
          <>
            <dt className="text-zinc-600">Delivered</dt>
            <dd className="text-zinc-800">
              {task.delivered.commits} {task.delivered.commits === 1 ? "commit" : "commits"} at <code className="font-mono">{shortSha(task.delivered.sha)}</code>
              <span className="text-zinc-600"> (verified by the server)</span>
            </dd>
          </>
        )}
        {task.prUrl && (
          <>
            <dt className="text-zinc-600">Pull request</dt>
            <dd>
              <a href={task.prUrl} target="_blank" rel="noreferrer" className="break-all text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                {task.prUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      {task.error && <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800">{task.error}</p>}
      {showSummary && task.summary ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-600">The agent&apos;s summary of this run</summary>
          <Markdown className="mt-1 text-sm text-zinc-800">{task.summary}</Markdown>
        </details>
      ) : null}
    </li>
  );
}
