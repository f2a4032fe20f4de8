import { z } from "zod";
import { SPEC_PHASES } from "@/lib/core/spec-phases";

/**
 * Every event a sandbox (or the worker) can report: one discriminated union shared by the sender (the agent's
 * reporter) and the receiver (the events API), so neither side can drift. Each type has a consumer: the spec page
 * timeline shows all of them; the ones noted below also drive state.
 */
const phase = z.enum(SPEC_PHASES);
const issueList = z.array(z.string().max(2000)).max(200);

export const specEventSchemas = [
  z.object({ type: z.literal("spec.execution_started"), data: z.object({ fromPhase: phase }) }),
  // The spec agent's end: every phase passed and SYNC stored the plan (planning is over; the tickets may still run).
  z.object({ type: z.literal("spec.generation_completed"), data: z.object({ summary: z.string().max(4000).optional() }) }),
  z.object({ type: z.literal("spec.execution_failed"), data: z.object({ reason: z.string().max(4000), phase: phase.optional() }) }),
  z.object({ type: z.literal("spec.phase_started"), data: z.object({ phase, attempt: z.number().int().min(1) }) }),
  z.object({
    type: z.literal("spec.phase_completed"),
    data: z.object({ phase, attempt: z.number().int().min(1), score: z.number().min(0).max(1) }),
  }),
  z.object({ type: z.literal("spec.phase_failed"), data: z.object({ phase, reason: z.string().max(4000), issues: issueList }) }),
  z.object({
    type: z.literal("spec.phase_retry"),
    data: z.object({ phase, attempt: z.number().int().min(1), maxAttempts: z.number().int().min(1), issues: issueList }),
  }),
  z.object({
    type: z.literal("spec.eval_result"),
    data: z.object({
      phase,
      attempt: z.number().int().min(1),
      score: z.number().min(0).max(1),
      passed: z.boolean(),
      subScores: z.record(z.string(), z.number()),
      issues: issueList,
      warnings: issueList,
    }),
  }),
  z.object({ type: z.literal("spec.progress"), data: z.object({ progress: z.number().int().min(0).max(100), phase }) }),
  /** Consumed by the reaper: updates the sandbox's lastHeartbeatAt. */
  z.object({ type: z.literal("spec.heartbeat"), data: z.object({ phase: phase.optional() }) }),
  z.object({ type: z.literal("spec.tickets_created"), data: z.object({ count: z.number().int().min(0), ticketIds: z.array(z.string()).max(1000) }) }),
] as const;

export const agentEventSchemas = [
  z.object({
    type: z.literal("agent.tool_use"),
    // A short summary of the input (a path, a pattern, a command), never file contents.
    data: z.object({ turn: z.number().int().min(0), toolUseId: z.string().max(200), tool: z.string().max(100), summary: z.string().max(500) }),
  }),
  z.object({ type: z.literal("agent.message"), data: z.object({ turn: z.number().int().min(0), text: z.string().max(20_000) }) }),
  z.object({
    type: z.literal("agent.error"),
    data: z.object({
      turn: z.number().int().min(0),
      message: z.string().max(4000),
      /** True when the loop tries again (a retried API error); false when the run ends with it. */
      retrying: z.boolean(),
    }),
  }),
] as const;

export const taskEventSchemas = [
  z.object({ type: z.literal("task.started"), data: z.object({ branch: z.string().max(300).optional() }) }),
  z.object({
    type: z.literal("task.completed"),
    data: z.object({
      summary: z.string().max(4000).optional(),
      branch: z.string().max(300).optional(),
      commits: z.number().int().min(0).optional(),
      /** One verdict per acceptance criterion (ids of the spec's criteria when the task has them). */
      verdicts: z
        .array(z.object({ criterionId: z.string().max(64).optional(), criterion: z.string().max(1000), met: z.boolean(), evidence: z.string().max(2000) }))
        .max(100)
        .optional(),
    }),
  }),
  /** Consumed by the ticket: it moves to testing. */
  z.object({ type: z.literal("task.tests_started"), data: z.object({ command: z.string().max(1000) }) }),
  z.object({ type: z.literal("task.tests_finished"), data: z.object({ command: z.string().max(1000), exitCode: z.number().int().nullable(), passed: z.boolean() }) }),
  z.object({ type: z.literal("task.failed"), data: z.object({ reason: z.string().max(4000) }) }),
  z.object({ type: z.literal("task.commit"), data: z.object({ sha: z.string().regex(/^[0-9a-f]{7,64}$/), message: z.string().max(4000) }) }),
  z.object({ type: z.literal("task.pr_opened"), data: z.object({ url: z.string().url(), number: z.number().int().positive() }) }),
] as const;

/**
 * Written by the worker about a sandbox's life (never accepted from a sandbox). Consumers: the timeline, and
 * `sandbox.lost` tells the spec page why a phase restarted.
 */
export const sandboxEventSchemas = [
  z.object({
    type: z.literal("sandbox.started"),
    data: z.object({ provider: z.enum(["local", "daytona"]), purpose: z.enum(["spec", "task", "integration"]), startPhase: phase.optional() }),
  }),
  z.object({
    type: z.literal("sandbox.lost"),
    data: z.object({ reason: z.string().max(4000), respawning: z.boolean(), respawnCount: z.number().int().min(0) }),
  }),
  z.object({
    type: z.literal("sandbox.stopped"),
    data: z.object({ reason: z.string().max(4000), exitCode: z.number().int().nullable().optional() }),
  }),
] as const;

/**
 * Written by the worker about a spec (never accepted from a sandbox): `spec.execution_completed` once every ticket of
 * the spec is done. Planning's own end is `spec.generation_completed`, from the agent.
 */
export const workerSpecEventSchemas = [
  z.object({ type: z.literal("spec.execution_completed"), data: z.object({ summary: z.string().max(4000).optional() }) }),
] as const;

const sha = z.string().regex(/^[0-9a-f]{7,64}$/);
const ticketKey = z.string().max(100);
const testOutput = z.string().max(20_000);

/**
 * Integration and review (worker and server only; a sandbox can never claim a merge, a test result on the integrated
 * work or a review). Consumers: the timeline; the ticket's state (Review column, back to its agent, done) and the
 * spec's (branch head, tested head, completion) are written by the same code that records them; the board shows the
 * ticket where that state put it.
 */
export const integrationEventSchemas = [
  z.object({
    type: z.literal("task.integrated"),
    data: z.object({ ticketKey, branch: z.string().max(300), sha, merge: z.enum(["fast_forward", "merge"]) }),
  }),
  z.object({
    type: z.literal("task.merge_conflict"),
    data: z.object({ ticketKey, branch: z.string().max(300), files: z.array(z.string().max(4096)).max(200), sentBack: z.boolean() }),
  }),
  z.object({
    type: z.literal("spec.integration_tests_passed"),
    data: z.object({ ticketKey, command: z.string().max(1000), candidate: sha, output: testOutput.nullable() }),
  }),
  z.object({
    type: z.literal("spec.integration_tests_failed"),
    data: z.object({ ticketKey, command: z.string().max(1000), candidate: sha, exitCode: z.number().int().nullable(), output: testOutput.nullable(), sentBack: z.boolean() }),
  }),
  z.object({ type: z.literal("review.requested"), data: z.object({ ticketKey, sha }) }),
  z.object({
    type: z.literal("review.changes_requested"),
    data: z.object({ ticketKey, sha, summary: z.string().max(10_000), comments: z.number().int().min(0), reviewerId: z.string().max(64) }),
  }),
  z.object({ type: z.literal("review.approved"), data: z.object({ ticketKey, sha, reviewerId: z.string().max(64) }) }),
  z.object({
    type: z.literal("spec.pull_request"),
    data: z.object({ url: z.string().url(), number: z.number().int().positive(), action: z.enum(["opened", "updated", "ready"]) }),
  }),
] as const;

/** What an integration sandbox reports: the project's tests on the candidate merge (its last event). */
export const integrationSandboxEventSchemas = [
  z.object({
    type: z.literal("integration.tests_finished"),
    data: z.object({ command: z.string().max(1000), exitCode: z.number().int().nullable(), passed: z.boolean(), timedOut: z.boolean(), output: testOutput }),
  }),
] as const;

/** What a sandbox may send: everything but the worker's own `sandbox.*` and spec execution events. */
export const sandboxSentPayloadSchema = z.discriminatedUnion("type", [
  ...specEventSchemas,
  ...agentEventSchemas,
  ...taskEventSchemas,
  ...integrationSandboxEventSchemas,
]);
export const eventPayloadSchema = z.discriminatedUnion("type", [
  ...specEventSchemas,
  ...workerSpecEventSchemas,
  ...integrationEventSchemas,
  ...integrationSandboxEventSchemas,
  ...agentEventSchemas,
  ...taskEventSchemas,
  ...sandboxEventSchemas,
]);
export type EventPayload = z.infer<typeof eventPayloadSchema>;
export type AnyEventType = EventPayload["type"];
/** Types a sandbox sends (the reporter's vocabulary). */
export type EventType = z.infer<typeof sandboxSentPayloadSchema>["type"];
export type EventData<T extends AnyEventType> = Extract<EventPayload, { type: T }>["data"];
export type WorkerEventType = Extract<AnyEventType, `sandbox.${string}`>;

/** What the agent loop reports while it runs (the `agent.*` members of the union). */
export type AgentEvent = Extract<EventPayload, { type: `agent.${string}` }>;

export const EVENT_TYPES = eventPayloadSchema.options.map((option) => option.shape.type.value) as AnyEventType[];

/** Events after which the sender's work is over: the sandbox is marked stopped when one is stored. */
export const TERMINAL_EVENT_TYPES: readonly EventType[] = [
  "spec.generation_completed",
  "spec.execution_failed",
  "task.completed",
  "task.failed",
  "integration.tests_finished",
];

/** One event as sent over the wire: the payload plus the sender's id (idempotent retries) and time. */
export const outgoingEventSchema = z.intersection(
  sandboxSentPayloadSchema,
  z.object({ clientEventId: z.string().min(8).max(64), occurredAt: z.string().datetime() }),
);
export type OutgoingEvent = z.infer<typeof outgoingEventSchema>;

export const MAX_EVENTS_PER_BATCH = 500;
/** Largest event batch body (413 past it): room for 100 long agent messages, the reporter's batch size. */
export const MAX_EVENT_BATCH_BYTES = 8 * 1024 * 1024;
export const eventBatchSchema = z.object({ events: z.array(outgoingEventSchema).min(1).max(MAX_EVENTS_PER_BATCH) });
export type EventBatch = z.infer<typeof eventBatchSchema>;
