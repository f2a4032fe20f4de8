import { getPgPool } from "@/lib/db/pg-pool";
import { eventStreamKey, lockEventStreamSql } from "@/lib/events/event-stream-lock";
import type { AnyEventType, EventData } from "@/lib/events/event-schemas";

export interface WorkerEventScope {
  sandboxId: string | null;
  specId: string | null;
  taskId: string | null;
}

/**
 * Records what the worker did or decided (a sandbox started or lost, a spec failed after too many losses) in the
 * same stream, under the same lock, as the agent's events.
 */
export async function appendWorkerEvent<T extends AnyEventType>(scope: WorkerEventScope, type: T, data: EventData<T>) {
  await getPgPool().query({
    name: "append-worker-event",
    text: `
    WITH lock AS (SELECT ${lockEventStreamSql("$1")})
    INSERT INTO "SandboxEvent" (id, "sandboxId", "specId", "taskId", type, source, data)
    SELECT gen_random_uuid()::text, $2, $3, $4, $5, 'worker', $6::jsonb FROM lock`,
    values: [eventStreamKey(scope), scope.sandboxId, scope.specId, scope.taskId, type, JSON.stringify(data)],
  });
}
