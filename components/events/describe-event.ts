import type { StoredEventDto } from "@/lib/events/list-events";

/** One line of an event's details: a label people read, and its value as text (`isBlock`: several lines or long). */
export interface EventField {
  label: string;
  value: string;
  isBlock: boolean;
}

export interface EventDescription {
  title: string;
  fields: EventField[];
}

const TITLES: Record<string, string> = {
  "spec.execution_started": "Spec run started",
  "spec.generation_completed": "Planning completed",
  "spec.execution_completed": "Execution completed",
  "spec.execution_failed": "Spec run failed",
  "spec.phase_started": "Phase started",
  "spec.phase_completed": "Phase passed",
  "spec.phase_failed": "Phase failed",
  "spec.phase_retry": "Phase retried",
  "spec.eval_result": "Evaluation of a phase",
  "spec.progress": "Progress",
  "spec.heartbeat": "Heartbeat",
  "spec.tickets_created": "Tickets created",
  "spec.integration_tests_passed": "Tests passed on the merged work",
  "spec.integration_tests_failed": "Tests failed on the merged work",
  "spec.pull_request": "Pull request of the spec",
  "agent.tool_use": "Tool call",
  "agent.message": "Message from the agent",
  "agent.error": "Agent error",
  "task.started": "Task started",
  "task.completed": "Task completed",
  "task.tests_started": "Tests started",
  "task.tests_finished": "Tests finished",
  "task.failed": "Task failed",
  "task.commit": "Commit",
  "task.pr_opened": "Pull request opened",
  "task.integrated": "Merged into the spec branch",
  "task.merge_conflict": "Merge conflict",
  "integration.tests_finished": "Integration tests finished",
  "review.requested": "Waiting for review",
  "review.changes_requested": "Changes requested",
  "review.approved": "Approved",
  "sandbox.started": "Sandbox started",
  "sandbox.lost": "Sandbox lost",
  "sandbox.stopped": "Sandbox stopped",
};

/** Names that read better than their key split into words. */
const LABELS: Record<string, string> = {
  sha: "Commit",
  url: "Link",
  prUrl: "Pull request",
  exitCode: "Exit code",
  ticketIds: "Tickets",
  ticketKey: "Ticket",
  fromPhase: "From phase",
  maxAttempts: "Most attempts",
  respawnCount: "Respawns",
  startPhase: "Start phase",
  subScores: "Scores per check",
};

const BLOCK_LENGTH = 80;

/**
 * An event as a titled list of readable fields: the details a person opens under a timeline row, instead of its
 * JSON. Any type works: a known one gets its own title, an unknown one a title made from its name.
 */
export function describeEvent(event: StoredEventDto): EventDescription {
  const data = isRecord(event.data) ? event.data : event.data === undefined || event.data === null ? {} : { value: event.data };
  const fields = Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => field(labelOf(key), formatValue(key, value)));
  return { title: TITLES[event.type] ?? titleFromType(event.type), fields };
}

function field(label: string, value: string): EventField {
  return { label, value, isBlock: value.includes("\n") || value.length > BLOCK_LENGTH };
}

/** "task.tests_finished" → "Tests finished"; "model_call" → "Model call". */
export function titleFromType(type: string): string {
  const last = type.split(".").at(-1) ?? type;
  return capitalize(words(last)) || type;
}

/** camelCase and snake_case keys as words: "exitCode" → "Exit code", "input_tokens" → "Input tokens". */
export function labelOf(key: string): string {
  return LABELS[key] ?? capitalize(words(key));
}

function formatValue(key: string, value: unknown): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return key === "score" || key.endsWith("Score") ? value.toFixed(2) : value.toLocaleString("en-US");
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (value.every((item) => !isRecord(item) && !Array.isArray(item))) {
      const items = value.map((item) => formatValue(key, item));
      return items.join(items.some((item) => item.length > 40) ? "\n" : ", ");
    }
    return value.map((item) => `• ${formatValue(key, item).replace(/\n/g, "\n  ")}`).join("\n");
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([inner, innerValue]) => `${labelOf(inner)}: ${formatValue(inner, innerValue)}`)
      .join("\n");
  }
  return String(value);
}

const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
