import type { SpecDto } from "@/lib/specs/spec-schemas";
import { Badge } from "@/components/ui/badge";
import { deriveSpecListStatus } from "./spec-story";

/**
 * A spec's status in a list: one badge telling the same story as its page's status line (never a planning status
 * beside a build status), and its approval mode.
 */
export function SpecBadges({ spec }: { spec: Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus" | "approvalMode"> }) {
  const status = deriveSpecListStatus(spec);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge tone={status.tone}>{status.line}</Badge>
      <Badge tone={spec.approvalMode === "manual" ? "warning" : "neutral"}>{spec.approvalMode === "manual" ? "Manual approval" : "Auto approval"}</Badge>
    </span>
  );
}

/** A labelled progress bar (0–100). */
export function SpecProgress({ value, label = "Progress" }: { value: number; label?: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="flex min-w-32 items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${clamped}%` }} />
      </div>
      <span className="w-9 text-right text-xs tabular-nums text-zinc-600">{clamped}%</span>
    </div>
  );
}
