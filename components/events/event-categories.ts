/** The timeline's filter chips, in display order. */
export const EVENT_CATEGORIES = ["phase", "eval", "tool", "model", "message", "task", "sandbox", "error", "heartbeat", "other"] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<EventCategory, string> = {
  phase: "Phases",
  eval: "Evaluations",
  tool: "Tool calls",
  model: "Model calls",
  message: "Messages",
  task: "Tasks",
  sandbox: "Sandbox",
  error: "Errors",
  heartbeat: "Heartbeats",
  other: "Other",
};

// Failures get their own category so "Errors" alone shows everything that went wrong, whatever produced it.
const ERROR_TYPES = new Set(["agent.error", "spec.phase_failed", "spec.execution_failed", "task.failed", "sandbox.lost"]);

/** Which chip an event belongs to; unknown types (a newer sender) land in "other" rather than disappearing. */
export function categorizeEvent(type: string): EventCategory {
  if (ERROR_TYPES.has(type)) return "error";
  if (type === "spec.heartbeat") return "heartbeat";
  if (type === "spec.eval_result") return "eval";
  if (type === "agent.tool_use") return "tool";
  if (type === "agent.message") return "message";
  if (/(^|\.)(model|llm)([._]|$)/.test(type)) return "model";
  if (type.startsWith("spec.")) return "phase";
  if (type.startsWith("task.")) return "task";
  if (type.startsWith("sandbox.")) return "sandbox";
  return "other";
}

/** Events worth a screen-reader announcement: phase changes and the end of a run, not every tool call. */
const ANNOUNCED_TYPES = new Set([
  "spec.phase_started",
  "spec.phase_completed",
  "spec.phase_failed",
  "spec.phase_retry",
  "spec.execution_started",
  "spec.generation_completed",
  "spec.execution_completed",
  "spec.execution_failed",
  "task.completed",
  "task.failed",
  "sandbox.lost",
]);

export const isAnnouncedEvent = (type: string) => ANNOUNCED_TYPES.has(type);
