import type { OutgoingEvent } from "@/lib/events/event-schemas";
import { ingestEvents } from "@/lib/events/ingest-events";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";
import { scrubSecrets } from "@/lib/scrub-secrets";
import { applySpecEvents, SPEC_STATE_EVENTS } from "@/lib/specs/apply-spec-events";
import { applyTaskEvents, TASK_STATE_EVENTS } from "@/lib/sandbox/apply-task-events";

/**
 * A sandbox's batch: stored (idempotently), then the events that drive visible state applied, once, for the events
 * this call stored: a spec's phase runs, progress and failure; a ticket's column and its task's outcome.
 * An agent reports what it saw (command output, file contents in messages), so every string of the batch is scrubbed
 * of secrets first (lib/security/scrub-secrets, the logger's rules): neither the stored rows nor the state derived
 * from them (failure reasons, blocked reasons) ever hold a token or a server secret.
 */
export async function receiveSandboxEvents(sandbox: SandboxCaller, received: OutgoingEvent[]) {
  const events = received.map((event) => ({ ...event, data: scrubSecrets(event.data) }) as OutgoingEvent);
  const result = await ingestEvents(sandbox, events);
  if (sandbox.specId && sandbox.purpose === "spec" && result.stored.length > 0) {
    const stored = new Set(result.stored);
    const effective = events.filter((event) => SPEC_STATE_EVENTS.has(event.type) && stored.has(event.clientEventId));
    if (effective.length > 0) await applySpecEvents(sandbox.specId, effective);
  }
  if (sandbox.taskId && sandbox.purpose === "task" && result.stored.length > 0) {
    const stored = new Set(result.stored);
    const effective = events.filter((event) => TASK_STATE_EVENTS.has(event.type) && stored.has(event.clientEventId));
    if (effective.length > 0) await applyTaskEvents({ taskId: sandbox.taskId, sandboxId: sandbox.sandboxId }, effective);
  }
  if (sandbox.purpose === "integration" && result.stored.length > 0) {
    const stored = new Set(result.stored);
    // The tests' result is read back from the stored event by the job: the one place it is decided what it means.
    if (events.some((event) => event.type === "integration.tests_finished" && stored.has(event.clientEventId))) {
      await enqueueJob("finish_integration", { sandboxId: sandbox.sandboxId }, { jobKey: `finish-integration:${sandbox.sandboxId}` });
    }
  }
  const { stored: _stored, ...answer } = result;
  return answer;
}
