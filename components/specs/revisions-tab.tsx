"use client";

import { useId, useMemo, useState } from "react";
import { GATED_PHASES, type GatedPhase } from "@/lib/core/spec-phases";
import type { PhaseRevisionDto } from "@/lib/specs/spec-schemas";
import { usePhaseRevisions } from "@/hooks/api/use-spec-revisions";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { phaseOutputText } from "./phase-output-text";
import type { PhaseRunLike } from "./phase-states";
import { formatRelative } from "./spec-status";
import { TextDiffView } from "./text-diff-view";

const SELECT = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600";

/**
 * Every phase's revisions — its passed outputs, the current one and those a redo replaced — and what changed between
 * two of them, as a line diff of their text. Only phases with a passed output are offered.
 */
export function RevisionsTab({ specId, phaseRuns }: { specId: string; phaseRuns: readonly PhaseRunLike[] }) {
  const counts = useMemo(() => revisionCounts(phaseRuns), [phaseRuns]);
  const phases = GATED_PHASES.filter((phase) => counts[phase] > 0);
  const redone = phases.filter((phase) => counts[phase] > 1);
  const [picked, setPicked] = useState<GatedPhase | null>(null);
  const phaseId = useId();
  const phase = picked && phases.includes(picked) ? picked : (redone.at(-1) ?? phases.at(-1));

  if (!phase) return <EmptyState title="No revisions yet" description="Each phase's output is kept here once it passes; a phase redone keeps its earlier output to compare." />;
  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={phaseId} className="text-zinc-700">
          Phase
        </label>
        <select id={phaseId} value={phase} onChange={(event) => setPicked(event.target.value as GatedPhase)} className={SELECT}>
          {phases.map((p) => (
            <option key={p} value={p}>
              {p} — {counts[p]} {counts[p] === 1 ? "revision" : "revisions"}
            </option>
          ))}
        </select>
        {redone.length === 0 ? <p className="text-zinc-500">No phase was redone yet: each has one revision.</p> : null}
      </div>
      <PhaseRevisions key={phase} specId={specId} phase={phase} count={counts[phase]} />
    </div>
  );
}

function PhaseRevisions({ specId, phase, count }: { specId: string; phase: GatedPhase; count: number }) {
  const revisions = usePhaseRevisions({ specId, phase, count });
  if (revisions.isPending) return <LoadingBlock label={`Loading the ${phase} revisions…`} />;
  if (revisions.isError) return <ApiErrorAlert error={revisions.error} />;
  if (revisions.data.length === 0) return <p className="text-zinc-500">No output of the {phase} phase is stored.</p>;
  return <CompareRevisions phase={phase} revisions={revisions.data} />;
}

function CompareRevisions({ phase, revisions }: { phase: GatedPhase; revisions: readonly PhaseRevisionDto[] }) {
  const [fromId, setFromId] = useState(revisions.at(-2)?.id ?? revisions[0]!.id);
  const [toId, setToId] = useState(revisions.at(-1)!.id);
  const fromSelect = useId();
  const toSelect = useId();
  const from = revisions.find((r) => r.id === fromId) ?? revisions[0]!;
  const to = revisions.find((r) => r.id === toId) ?? revisions.at(-1)!;
  const texts = useMemo(() => ({ from: phaseOutputText(from.output), to: phaseOutputText(to.output) }), [from, to]);

  return (
    <div className="space-y-3">
      {revisions.length > 1 ? (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={fromSelect} className="text-zinc-700">
            Compare
          </label>
          <RevisionSelect id={fromSelect} revisions={revisions} value={from.id} onChange={setFromId} />
          <label htmlFor={toSelect} className="text-zinc-700">
            with
          </label>
          <RevisionSelect id={toSelect} revisions={revisions} value={to.id} onChange={setToId} />
        </div>
      ) : (
        <p className="text-zinc-500">The {phase} phase has one revision ({revisionLabel(to)}); it is shown whole. A redo keeps it here to compare.</p>
      )}
      {to.feedback && to.id !== from.id ? (
        <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-zinc-700">
          <span className="font-medium text-zinc-900">Redone with the feedback: </span>
          {to.feedback}
        </p>
      ) : null}
      <TextDiffView before={texts.from} after={texts.to} label={`Changes in ${phase} from attempt ${from.attempt} to attempt ${to.attempt}`} />
    </div>
  );
}

function RevisionSelect({ id, revisions, value, onChange }: { id: string; revisions: readonly PhaseRevisionDto[]; value: string; onChange: (id: string) => void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={SELECT}>
      {revisions.map((revision) => (
        <option key={revision.id} value={revision.id}>
          {revisionLabel(revision)}
        </option>
      ))}
    </select>
  );
}

const revisionLabel = (revision: PhaseRevisionDto) =>
  [`attempt ${revision.attempt}`, revision.status === "passed" ? "current" : "replaced", revision.score === null ? null : revision.score.toFixed(2), formatRelative(revision.createdAt)]
    .filter(Boolean)
    .join(" · ");

/** Passed outputs per phase: the current checkpoint and those a redo superseded. */
function revisionCounts(phaseRuns: readonly PhaseRunLike[]): Record<GatedPhase, number> {
  const counts = Object.fromEntries(GATED_PHASES.map((phase) => [phase, 0])) as Record<GatedPhase, number>;
  for (const run of phaseRuns) {
    if ((run.status === "passed" || run.status === "superseded") && (GATED_PHASES as readonly string[]).includes(run.phase)) counts[run.phase as GatedPhase]++;
  }
  return counts;
}
