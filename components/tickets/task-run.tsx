import { Badge } from "@/components/ui/badge";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";

type Task = TicketDetail["tasks"][number];
/** What the agent reported: its own words and verdicts — its claims; what the server found is the delivery and the integration. */
type Report = { summary?: string; commits?: number; verdicts?: { criterion: string; met: boolean; evidence: string }[] };

const TASK_TONES: Record<string, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  pending: "neutral",
  queued: "accent",
  running: "accent",
  completed: "success",
  failed: "danger",
  cancelled: "warning",
};

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** One run of the ticket's agent: its state, attempts, branch, pull request, summary and verdicts. */
export function TaskRun({ task, index }: { task: Task; index: number }) {
  const report = (task.result ?? null) as Report | null;
  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-zinc-900">Run {index + 1}</span>
        <Badge tone={TASK_TONES[task.status] ?? "neutral"}>{task.status}</Badge>
        <span className="text-xs text-zinc-500">
          attempt {task.attempt}/{task.maxAttempts} · started {time(task.startedAt)}
          {task.completedAt ? ` · finished ${time(task.completedAt)}` : ""}
          {task.costUsd > 0 ? ` · $${task.costUsd.toFixed(4)}` : ""}
        </span>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[8rem_1fr]">
        {task.branch && (
          <>
            <dt className="text-zinc-500">Branch</dt>
            <dd className="font-mono text-zinc-800">{task.branch}</dd>
          </>
        )}
        {typeof report?.commits === "number" && (
          <>
            <dt className="text-zinc-500">Commits</dt>
            <dd className="text-zinc-800">{report.commits}</dd>
          </>
        )}
        {task.prUrl && (
          <>
            <dt className="text-zinc-500">Pull request</dt>
            <dd>
              <a href={task.prUrl} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                {task.prUrl}
              </a>
            </dd>
          </>
        )}
        {report?.summary && (
          <>
            <dt className="text-zinc-500">Summary</dt>
            <dd className="whitespace-pre-wrap text-zinc-800">{report.summary}</dd>
          </>
        )}
      </dl>
      {task.error && <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800">{task.error}</p>}
      {report?.verdicts && report.verdicts.length > 0 && (
        <ul aria-label="Acceptance criteria" className="mt-2 space-y-0.5 text-xs">
          {report.verdicts.map((verdict, i) => (
            <li key={i} className="flex gap-2">
              <span aria-label={verdict.met ? "met" : "not met"} className={verdict.met ? "text-emerald-600" : "text-red-600"}>
                {verdict.met ? "✓" : "✗"}
              </span>
              <span className="text-zinc-800">{verdict.criterion}</span>
              <span className="text-zinc-500">— {verdict.evidence}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

