import type { SpecActivityDto, SpecDto } from "@/lib/specs/spec-schemas";
import { approvalGate } from "./phase-states";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

export { isSpecLive } from "@/lib/specs/spec-schemas";

export interface SpecActionsAvailable {
  /** "Execute" for a draft, "Resume" after a failure or a cancel; null when it cannot start. */
  execute: "Execute" | "Resume" | null;
  /** Cancel a spec that waits for approval (no agent runs then; while one does, Stop all agents is the way). */
  cancel: boolean;
  /** Stop every agent of the spec: its planning and its tickets' queued or running tasks. */
  stop: boolean;
  approve: "requirements" | "design" | null;
  requestChanges: boolean;
  executeTasks: boolean;
}

/** Which buttons the spec's state allows; mirrors the API's own checks so a click rarely ends in a 409. */
export function availableActions(
  spec: Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus">,
  { taskCount, ticketCount, redoableCount, activity }: { taskCount: number; ticketCount: number; redoableCount: number; activity: AgentsAtWork },
): SpecActionsAvailable {
  const status = spec.generationStatus;
  return {
    execute: status === "draft" ? "Execute" : status === "failed" || status === "cancelled" ? "Resume" : null,
    cancel: status === "awaiting_approval",
    stop: areAgentsAtWork(activity),
    approve: approvalGate(spec),
    requestChanges: status !== "running" && redoableCount > 0 && ticketCount === 0,
    // Once every task's ticket is built there is nothing left for it to do.
    executeTasks: taskCount > 0 && spec.executionStatus !== "running" && !(spec.executionStatus === "completed" && ticketCount >= taskCount),
  };
}

type AgentsAtWork = Pick<SpecActivityDto, "isPlanning"> & { build: Pick<SpecActivityDto["build"], "queued" | "running"> };

/** What POST /specs/{id}/stop would stop: the planning agent, or a ticket's task that is queued or running. */
export const areAgentsAtWork = (activity: AgentsAtWork) => activity.isPlanning || activity.build.queued + activity.build.running > 0;

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
