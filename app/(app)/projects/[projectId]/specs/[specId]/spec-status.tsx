"use client";

import { useSpecAction, useSpecDetail } from "@/hooks/api/use-specs";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";

const PHASES = ["explore", "requirements", "design", "tasks", "sync"] as const;

/** The spec's phases, state and results, kept fresh by polling while it runs. */
export function SpecStatus({ specId }: { specId: string }) {
  const detail = useSpecDetail(specId);
  const act = useSpecAction(specId);
  if (detail.isPending) return <Spinner label="Loading the spec" />;
  if (detail.isError) return <ApiErrorAlert error={detail.error} />;
  const { spec, phaseRuns, requirements, tasks, tickets } = detail.data;
  const waitingGate = spec.generationStatus === "awaiting_approval" ? (spec.currentPhase === "design" ? "requirements" : "design") : null;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={spec.title}
        description={`${spec.generationStatus.replace("_", " ")} · execution ${spec.executionStatus.replace("_", " ")} · ${spec.progress}%`}
        actions={
          <>
            {waitingGate && (
              <Button onClick={() => act.mutate({ action: "approve", body: { gate: waitingGate } })} disabled={act.isPending}>
                Approve {waitingGate}
              </Button>
            )}
            {(spec.generationStatus === "running" || spec.generationStatus === "awaiting_approval") && (
              <Button variant="secondary" onClick={() => act.mutate({ action: "cancel" })} disabled={act.isPending}>
                Cancel
              </Button>
            )}
            {(spec.generationStatus === "failed" || spec.generationStatus === "cancelled") && (
              <Button onClick={() => act.mutate({ action: "execute" })} disabled={act.isPending}>
                Resume
              </Button>
            )}
          </>
        }
      />
      {act.isError && <ApiErrorAlert error={act.error} />}
      {spec.lastError && spec.generationStatus === "failed" && <Alert title="The spec failed">{spec.lastError}</Alert>}
      <ol className="grid grid-cols-5 gap-2" aria-label="Phases">
        {PHASES.map((phase) => {
          const runs = phaseRuns.filter((run) => run.phase === phase);
          const latest = runs.at(-1);
          const label = !latest
            ? "pending"
            : latest.status === "passed"
              ? `passed ${latest.score?.toFixed(2) ?? ""}`
              : latest.status === "running"
                ? runs.length > 1
                  ? `retrying ${runs.length}/3`
                  : "running"
                : latest.status;
          const tone = latest?.status === "passed" ? "success" : latest?.status === "failed" ? "danger" : latest?.status === "running" ? "accent" : "neutral";
          return (
            <li key={phase} className="rounded border border-zinc-200 p-2" aria-current={spec.currentPhase === phase ? "step" : undefined}>
              <div className="text-xs font-medium uppercase text-zinc-500">{phase}</div>
              <Badge tone={tone}>{label}</Badge>
              {latest?.status === "failed" && Array.isArray(latest.issues) && latest.issues.length > 0 && (
                <ul className="mt-1 list-disc pl-4 text-[11px] text-red-700">
                  {(latest.issues as string[]).slice(0, 3).map((issue) => (
                    <li key={issue}>{issue}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-zinc-600">
        {requirements.length} requirements · {tasks.length} tasks · {tickets.total} tickets ({tickets.byStatus.done ?? 0} done) · ${spec.costUsd.toFixed(4)}
      </p>
      {requirements.length > 0 && (
        <section aria-label="Requirements" className="space-y-2">
          {requirements.map((r) => (
            <article key={r.id} className="rounded border border-zinc-200 p-3 text-sm">
              <div className="font-medium">
                {r.localId} — {r.title}
              </div>
              <p className="text-zinc-700">{r.text}</p>
              <ul className="mt-1 list-disc pl-5 text-zinc-600">
                {r.criteria.map((c) => (
                  <li key={c.id}>
                    {c.met ? "✓ " : ""}
                    {c.text}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </section>
      )}
    </div>
  );
}
