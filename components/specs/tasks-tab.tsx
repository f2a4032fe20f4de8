import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { plural } from "@/components/events/summarize-event";
import { MarkdownText } from "./markdown-text";
import { groupTasksByWave, stringList } from "./spec-content";
import { PriorityBadge } from "./priority-badge";

type Task = SpecDetail["tasks"][number];

const STATUS_TONES = { pending: "neutral", in_progress: "accent", completed: "success", failed: "danger" } as const;

/** The plan, by parallel wave: a wave's tasks can run together once the waves before it are done. */
export function TasksTab({ tasks, emptyHint }: { tasks: readonly Task[]; emptyHint: string }) {
  if (tasks.length === 0) return <EmptyState title="No tasks yet" description={emptyHint} />;
  const totalHours = tasks.reduce((sum, task) => sum + (task.estimateHours ?? 0), 0);
  return (
    <div className="space-y-5">
      <p className="text-xs text-zinc-500">
        {plural(tasks.length, "task")} · about {Number(totalHours.toFixed(1))} h in total
      </p>
      {groupTasksByWave(tasks).map((group) => (
        <section key={group.wave ?? "none"} aria-labelledby={`wave-${group.wave ?? "none"}`}>
          <h3 id={`wave-${group.wave ?? "none"}`} className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">
            {group.wave === null ? "Not scheduled yet" : `Wave ${group.wave + 1}`}
            <span className="ml-2 font-normal normal-case tracking-normal">
              {group.wave === 0 ? "can start at once" : group.wave === null ? "SYNC assigns waves" : "after the waves before it"}
            </span>
          </h3>
          <ul className="grid gap-2 lg:grid-cols-2">
            {group.tasks.map((task) => (
              <li key={task.id}>
                <TaskCard task={task} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function TaskCard({ task }: { task: Task }) {
  const criteria = stringList(task.acceptanceCriteria);
  return (
    <article className="h-full rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h4 className="min-w-0 font-medium text-zinc-900">
          <span className="mr-2 font-mono text-xs text-zinc-500">{task.localId}</span>
          {task.title}
        </h4>
        <div className="flex flex-wrap items-center gap-1.5">
          <PriorityBadge priority={task.priority} />
          <Badge tone={STATUS_TONES[task.status as keyof typeof STATUS_TONES] ?? "neutral"}>{task.status.replace("_", " ")}</Badge>
        </div>
      </div>
      <div className="mt-1 line-clamp-4 text-zinc-600">
        <MarkdownText>{task.description}</MarkdownText>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-zinc-500">Estimate</dt>
        <dd>{task.estimateHours === null ? "—" : `${task.estimateHours} h`}</dd>
        <dt className="text-zinc-500">After</dt>
        <dd className="font-mono">{task.dependsOn.length ? task.dependsOn.join(", ") : <span className="font-sans text-zinc-500">nothing</span>}</dd>
        <dt className="text-zinc-500">Implements</dt>
        <dd className="break-all font-mono">{task.requirementRefs.length ? task.requirementRefs.join(", ") : "—"}</dd>
      </dl>
      {criteria.length > 0 ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-zinc-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
            {criteria.length} acceptance {criteria.length === 1 ? "criterion" : "criteria"}
          </summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-zinc-700">
            {criteria.map((criterion, index) => (
              <li key={index}>
                <MarkdownText inline>{criterion}</MarkdownText>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
