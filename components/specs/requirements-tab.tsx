import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { MarkdownList, MarkdownText } from "./markdown-text";
import { criterionState, splitEars, type CriterionState } from "./spec-content";
import { PriorityBadge } from "./priority-badge";

type Requirement = SpecDetail["requirements"][number];

const EARS_LABELS: Record<string, string> = {
  ubiquitous: "Ubiquitous",
  event_driven: "Event-driven",
  state_driven: "State-driven",
  unwanted: "Unwanted behaviour",
  optional: "Optional feature",
  complex: "Complex",
};

const CRITERION: Record<CriterionState, { icon: string; label: string; className: string }> = {
  met: { icon: "✓", label: "Met", className: "text-emerald-700" },
  not_met: { icon: "✗", label: "Not met", className: "text-red-700" },
  unknown: { icon: "?", label: "Not checked yet", className: "text-zinc-500" },
};

/**
 * The requirements as EARS cards (the sentence with its keywords emphasized, then its acceptance criteria), after
 * what the agent assumed and left out of scope — what a reviewer needs to judge them.
 */
export function RequirementsTab({
  requirements,
  notes,
  emptyHint,
}: {
  requirements: readonly Requirement[];
  notes: SpecDetail["requirementsNotes"];
  emptyHint: string;
}) {
  if (requirements.length === 0) return <EmptyState title="No requirements yet" description={emptyHint} />;
  return (
    <div className="space-y-3">
      {notes ? (
        <div className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-800 sm:grid-cols-2">
          <Notes title="Assumptions" items={notes.assumptions} />
          <Notes title="Out of scope" items={notes.outOfScope} />
        </div>
      ) : null}
      {requirements.map((requirement) => (
        <RequirementCard key={requirement.id} requirement={requirement} />
      ))}
    </div>
  );
}

function Notes({ title, items }: { title: string; items: readonly string[] }) {
  return (
    <section>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {items.length > 0 ? <MarkdownList items={items} /> : <p className="text-zinc-500">None stated.</p>}
    </section>
  );
}

function RequirementCard({ requirement }: { requirement: Requirement }) {
  const headingId = `requirement-${requirement.id}`;
  const met = requirement.criteria.filter((c) => c.met).length;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="min-w-0 text-sm font-semibold text-zinc-900">
          <span className="mr-2 font-mono text-xs font-medium text-zinc-500">{requirement.localId}</span>
          {requirement.title}
        </h3>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge>{EARS_LABELS[requirement.earsType] ?? requirement.earsType}</Badge>
          <PriorityBadge priority={requirement.priority} />
        </div>
      </div>
      <p className="mt-2 text-sm leading-relaxed text-zinc-800">
        {splitEars(requirement.text).map((segment, index) =>
          segment.keyword ? (
            <strong key={index} className="font-semibold text-indigo-700">
              {segment.text}
            </strong>
          ) : (
            <span key={index}>{segment.text}</span>
          ),
        )}
      </p>
      {requirement.criteria.length > 0 ? (
        <div className="mt-3">
          <h4 className="text-xs font-medium text-zinc-500">
            Acceptance criteria · {met}/{requirement.criteria.length} met
          </h4>
          <ul className="mt-1 space-y-1">
            {requirement.criteria.map((criterion) => {
              const state = CRITERION[criterionState(criterion)];
              return (
                <li key={criterion.id} className="flex gap-2 text-sm text-zinc-700">
                  <span aria-hidden className={`w-4 shrink-0 text-center font-semibold ${state.className}`}>
                    {state.icon}
                  </span>
                  <div className="min-w-0">
                    <span className="sr-only">{state.label}: </span>
                    <MarkdownText inline>{criterion.text}</MarkdownText>
                    {criterion.evidence ? <p className="mt-0.5 text-xs text-zinc-500">Evidence: {criterion.evidence}</p> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </article>
  );
}
