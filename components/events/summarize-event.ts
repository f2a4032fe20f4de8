import { eventPayloadSchema, type EventPayload } from "@/lib/events/event-schemas";
import type { StoredEventDto } from "@/lib/events/list-events";

export type EventTone = "error" | "warning" | "success" | "info" | "muted";

export interface EventSummary {
  text: string;
  tone: EventTone;
}

const MAX_TEXT = 240;

const cache = new WeakMap<StoredEventDto, EventSummary>();

/**
 * One readable line for an event. Summaries are built only for rows on screen and cached per event object, so a
 * 10,000-event stream costs nothing until it is scrolled.
 */
export function summarizeEvent(event: StoredEventDto): EventSummary {
  const cached = cache.get(event);
  if (cached) return cached;
  const parsed = eventPayloadSchema.safeParse({ type: event.type, data: event.data });
  const summary = parsed.success ? summarizeKnown(parsed.data) : summarizeUnknown(event);
  const result = { ...summary, text: clip(summary.text) };
  cache.set(event, result);
  return result;
}

function summarizeKnown(payload: EventPayload): EventSummary {
  switch (payload.type) {
    case "spec.execution_started":
      return { text: `Spec run started at ${payload.data.fromPhase}`, tone: "info" };
    case "spec.generation_completed":
      return { text: withDetail("Planning completed", payload.data.summary), tone: "success" };
    case "spec.execution_completed":
      return { text: withDetail("Execution completed", payload.data.summary), tone: "success" };
    case "spec.execution_failed":
      return { text: `Spec run failed${payload.data.phase ? ` in ${payload.data.phase}` : ""}: ${payload.data.reason}`, tone: "error" };
    case "spec.phase_started":
      return { text: `${capitalize(payload.data.phase)} started${attemptSuffix(payload.data.attempt)}`, tone: "info" };
    case "spec.phase_completed":
      return { text: `${capitalize(payload.data.phase)} passed · score ${formatScore(payload.data.score)}${attemptSuffix(payload.data.attempt)}`, tone: "success" };
    case "spec.phase_failed":
      return { text: `${capitalize(payload.data.phase)} failed: ${payload.data.reason}${issuesSuffix(payload.data.issues)}`, tone: "error" };
    case "spec.phase_retry":
      return {
        text: `${capitalize(payload.data.phase)} retry ${payload.data.attempt}/${payload.data.maxAttempts}${issuesSuffix(payload.data.issues)}`,
        tone: "warning",
      };
    case "spec.eval_result": {
      const { phase, passed, score, issues, warnings } = payload.data;
      const counts = [plural(issues.length, "issue"), warnings.length ? plural(warnings.length, "warning") : null].filter(Boolean).join(", ");
      const first = issues[0] ? ` — ${issues[0]}` : "";
      return { text: `${capitalize(phase)} evaluated: ${passed ? "passed" : "rejected"} · ${formatScore(score)} · ${counts}${first}`, tone: passed ? "success" : "warning" };
    }
    case "spec.progress":
      return { text: `Progress ${payload.data.progress}% (${payload.data.phase})`, tone: "muted" };
    case "spec.heartbeat":
      return { text: `Heartbeat${payload.data.phase ? ` (${payload.data.phase})` : ""}`, tone: "muted" };
    case "spec.tickets_created":
      return { text: `${plural(payload.data.count, "ticket")} created`, tone: "success" };
    case "agent.tool_use":
      return { text: `${payload.data.tool}${payload.data.summary ? ` ${payload.data.summary}` : ""}`, tone: "info" };
    case "agent.message":
      return { text: `Agent: ${firstLine(payload.data.text)}`, tone: "info" };
    case "agent.error":
      return { text: `Agent error${payload.data.retrying ? " (retrying)" : ""}: ${payload.data.message}`, tone: payload.data.retrying ? "warning" : "error" };
    case "task.started":
      return { text: `Task started${payload.data.branch ? ` on ${payload.data.branch}` : ""}`, tone: "info" };
    case "task.completed": {
      const { summary, commits, verdicts } = payload.data;
      const parts = [commits !== undefined ? plural(commits, "commit") : null, verdicts?.length ? `${verdicts.filter((v) => v.met).length}/${verdicts.length} criteria met` : null];
      const extra = parts.filter(Boolean).join(", ");
      return { text: `${withDetail("Task completed", summary)}${extra ? ` (${extra})` : ""}`, tone: "success" };
    }
    case "task.tests_started":
      return { text: `Tests started: ${payload.data.command}`, tone: "info" };
    case "task.tests_finished":
      return {
        text: `Tests ${payload.data.passed ? "passed" : "failed"}${payload.data.exitCode === null ? "" : ` (exit ${payload.data.exitCode})`}: ${payload.data.command}`,
        tone: payload.data.passed ? "success" : "error",
      };
    case "task.failed":
      return { text: `Task failed: ${payload.data.reason}`, tone: "error" };
    case "task.commit":
      return { text: `Commit ${payload.data.sha.slice(0, 7)}: ${firstLine(payload.data.message)}`, tone: "info" };
    case "task.pr_opened":
      return { text: `Pull request #${payload.data.number} opened`, tone: "success" };
    case "task.integrated":
      return { text: `${payload.data.ticketKey} integrated into ${payload.data.branch} at ${payload.data.sha.slice(0, 7)} (${payload.data.merge === "merge" ? "merge" : "fast-forward"})`, tone: "success" };
    case "task.merge_conflict":
      return {
        text: `${payload.data.ticketKey} conflicts with ${payload.data.branch} in ${payload.data.files.slice(0, 3).join(", ")}${payload.data.files.length > 3 ? ` and ${payload.data.files.length - 3} more` : ""}${payload.data.sentBack ? " — sent back to its agent" : ""}`,
        tone: "warning",
      };
    case "spec.integration_tests_passed":
      return { text: `Tests passed on ${payload.data.ticketKey} merged (${payload.data.candidate.slice(0, 7)}): ${payload.data.command}`, tone: "success" };
    case "spec.integration_tests_failed":
      return {
        text: `Tests failed on ${payload.data.ticketKey} merged (${payload.data.candidate.slice(0, 7)}${payload.data.exitCode === null ? "" : `, exit ${payload.data.exitCode}`})${payload.data.sentBack ? " — sent back to its agent" : ""}`,
        tone: "error",
      };
    case "integration.tests_finished":
      return { text: `Integration tests ${payload.data.passed ? "passed" : "failed"}${payload.data.timedOut ? " (timed out)" : ""}: ${payload.data.command}`, tone: payload.data.passed ? "success" : "error" };
    case "review.requested":
      return { text: `${payload.data.ticketKey} waits for review (${payload.data.sha.slice(0, 7)})`, tone: "info" };
    case "review.changes_requested":
      return { text: `Changes requested on ${payload.data.ticketKey}${payload.data.comments ? ` (${plural(payload.data.comments, "comment")})` : ""}: ${firstLine(payload.data.summary)}`, tone: "warning" };
    case "review.approved":
      return { text: `${payload.data.ticketKey} approved`, tone: "success" };
    case "spec.pull_request":
      return { text: `Pull request #${payload.data.number} ${payload.data.action === "ready" ? "marked ready for review" : payload.data.action}`, tone: "success" };
    case "sandbox.started":
      return {
        text: `Sandbox started (${payload.data.provider}, ${payload.data.purpose}${payload.data.startPhase ? `, from ${payload.data.startPhase}` : ""})`,
        tone: "info",
      };
    case "sandbox.lost":
      return {
        text: `Sandbox lost: ${payload.data.reason}${payload.data.respawning ? ` — respawning (${payload.data.respawnCount})` : ""}`,
        tone: "error",
      };
    case "sandbox.stopped":
      return {
        text: `Sandbox stopped: ${payload.data.reason}${payload.data.exitCode === null || payload.data.exitCode === undefined ? "" : ` (exit ${payload.data.exitCode})`}`,
        tone: "muted",
      };
  }
}

/** Types this build does not know (or data that no longer matches): model calls by their tokens, the rest by type. */
function summarizeUnknown(event: StoredEventDto): EventSummary {
  const data = isRecord(event.data) ? event.data : {};
  const tokensIn = numberField(data, ["tokensIn", "inputTokens", "input_tokens"]);
  const tokensOut = numberField(data, ["tokensOut", "outputTokens", "output_tokens"]);
  if (tokensIn !== undefined || tokensOut !== undefined) {
    const model = typeof data.model === "string" ? ` ${data.model}` : "";
    return { text: `Model call${model} · ${formatCount(tokensIn ?? 0)} in / ${formatCount(tokensOut ?? 0)} out tokens`, tone: "info" };
  }
  const text = ["message", "reason", "summary", "text"].map((key) => data[key]).find((value): value is string => typeof value === "string");
  const isError = /error|fail|lost/.test(event.type);
  return { text: text ? `${event.type}: ${firstLine(text)}` : event.type, tone: isError ? "error" : "info" };
}

export const formatScore = (score: number) => score.toFixed(2);

const formatCount = (value: number) => value.toLocaleString("en-US");

function numberField(data: Record<string, unknown>, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const attemptSuffix = (attempt: number) => (attempt > 1 ? ` (attempt ${attempt})` : "");
const issuesSuffix = (issues: readonly string[]) => (issues.length ? ` · ${plural(issues.length, "issue")}: ${issues[0]}` : "");
const withDetail = (head: string, detail: string | undefined) => (detail ? `${head}: ${firstLine(detail)}` : head);
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const firstLine = (text: string) => text.trim().split("\n", 1)[0] ?? "";

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
