import { Badge } from "@/components/ui/badge";
import type { PhaseState, PhaseStateKind } from "./phase-states";

const TONES: Record<PhaseStateKind, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  pending: "neutral",
  running: "accent",
  retrying: "warning",
  passed: "success",
  awaiting_approval: "warning",
  failed: "danger",
  cancelled: "neutral",
};

const MAX_ISSUES = 3;

/**
 * The phases as an ordered list. Each item's text is its phase name and its state ("requirements" … "passed · 0.92"),
 * and nothing in an item names another phase, so tests and people can find a phase by its name. Issues are plain
 * lines, not nested list items, for the same reason.
 */
export function PhaseStepper({ states }: { states: readonly PhaseState[] }) {
  return (
    <ol aria-label="Phases" className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
      {states.map((state, index) => (
        <li
          key={state.phase}
          aria-current={state.current ? "step" : undefined}
          className={`min-w-0 rounded-md border bg-white p-2.5 ${state.current ? "border-indigo-300 ring-1 ring-indigo-200" : "border-zinc-200"}`}
        >
          <div className="flex items-center gap-1.5 text-xs font-medium text-zinc-900">
            <span aria-hidden className="grid size-4 shrink-0 place-items-center rounded-full bg-zinc-100 text-[10px] text-zinc-500">
              {index + 1}
            </span>
            <span className="capitalize">{state.phase}</span>
          </div>
          <div className="mt-1.5 flex items-center gap-1">
            {state.kind === "running" || state.kind === "retrying" ? (
              <span aria-hidden className="size-1.5 shrink-0 animate-pulse rounded-full bg-indigo-500" />
            ) : null}
            <Badge tone={TONES[state.kind]}>{state.label}</Badge>
          </div>
          {state.reason ? <p className="mt-1.5 break-words text-[11px] text-red-700">{state.reason}</p> : null}
          {state.issues.length > 0 && (state.kind === "retrying" || state.kind === "failed") ? (
            <div className="mt-1.5 space-y-0.5 text-[11px] text-zinc-600">
              <p className="font-medium text-zinc-700">{state.kind === "retrying" ? "Evaluator asked for:" : "Issues:"}</p>
              {state.issues.slice(0, MAX_ISSUES).map((issue, i) => (
                <p key={i} className="break-words before:mr-1 before:content-['•']">
                  {issue}
                </p>
              ))}
              {state.issues.length > MAX_ISSUES ? <p className="text-zinc-500">and {state.issues.length - MAX_ISSUES} more</p> : null}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
