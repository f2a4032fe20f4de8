import type { SpecDto } from "@/lib/specs/spec-schemas";
import { approvalGate } from "./phase-states";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

const GENERATION: Record<SpecDto["generationStatus"], { label: string; tone: BadgeTone }> = {
  draft: { label: "draft", tone: "neutral" },
  running: { label: "running", tone: "accent" },
  awaiting_approval: { label: "awaiting approval", tone: "warning" },
  failed: { label: "failed", tone: "danger" },
  completed: { label: "completed", tone: "success" },
  cancelled: { label: "cancelled", tone: "neutral" },
};

const EXECUTION: Record<SpecDto["executionStatus"], { label: string; tone: BadgeTone }> = {
  not_started: { label: "not started", tone: "neutral" },
  running: { label: "running", tone: "accent" },
  completed: { label: "completed", tone: "success" },
  failed: { label: "failed", tone: "danger" },
};

export const generationBadge = (status: SpecDto["generationStatus"]) => GENERATION[status];
export const executionBadge = (status: SpecDto["executionStatus"]) => EXECUTION[status];

export { isSpecLive } from "@/lib/specs/spec-schemas";

export interface SpecActionsAvailable {
  /** "Execute" for a draft, "Resume" after a failure or a cancel; null when it cannot start. */
  execute: "Execute" | "Resume" | null;
  cancel: boolean;
  approve: "requirements" | "design" | null;
  requestChanges: boolean;
  executeTasks: boolean;
}

/** Which buttons the spec's state allows; mirrors the API's own checks so a click rarely ends in a 409. */
export function availableActions(
  spec: Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus">,
  { taskCount, ticketCount, redoableCount }: { taskCount: number; ticketCount: number; redoableCount: number },
): SpecActionsAvailable {
  const status = spec.generationStatus;
  return {
    execute: status === "draft" ? "Execute" : status === "failed" || status === "cancelled" ? "Resume" : null,
    cancel: status === "running" || status === "awaiting_approval",
    approve: approvalGate(spec),
    requestChanges: status !== "running" && redoableCount > 0 && ticketCount === 0,
    executeTasks: taskCount > 0 && spec.executionStatus !== "running",
  };
}

export const formatUsd = (value: number) => `$${value.toFixed(value >= 100 ? 2 : 4)}`;
export const formatTokens = (value: number) => value.toLocaleString("en-US");

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "5 minutes ago", "yesterday"; "just now" under a minute. */
export function formatRelative(iso: string, now = Date.now()): string {
  const delta = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return relative.format(Math.round(delta / ms), unit);
  }
  return "just now";
}
