import { getPgPool } from "@/lib/db/pg-pool";
import { eventStreamKey, lockEventStreamSql } from "@/lib/events/event-stream-lock";
import { TERMINAL_EVENT_TYPES, type OutgoingEvent } from "@/lib/events/event-schemas";
import type { SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";

export interface IngestResult {
  /** Events stored by this call. */
  accepted: number;
  /** Events of the batch already stored by an earlier attempt (same client event id). */
  duplicates: number;
  /** Highest seq stored by this call, or null when nothing new was stored. */
  lastSeq: string | null;
  /** Client event ids stored by this call (not the duplicates). */
  stored: string[];
}

/**
 * Stores a sandbox's batch of already-validated events in one statement: the stream lock (see event-stream-lock),
 * the insert — skipping client event ids stored before, so a retried batch stores nothing twice —, and the
 * sandbox's liveness (any batch is a sign of life, heartbeats included). One round trip on the hottest write path.
 */
export async function ingestEvents(sandbox: SandboxCaller, events: OutgoingEvent[]): Promise<IngestResult> {
  const rows = events.map((event, ord) => ({ ord, type: event.type, data: event.data, clientEventId: event.clientEventId }));
  const terminal = events.some((event) => TERMINAL_EVENT_TYPES.includes(event.type));
  const { rows: result } = await getPgPool().query<{ accepted: number; lastSeq: string | null; stored: string[] | null }>({
    name: "ingest-sandbox-events",
    text: `
    WITH lock AS (SELECT ${lockEventStreamSql("$1")}),
    inserted AS (
      INSERT INTO "SandboxEvent" (id, "sandboxId", "specId", "taskId", type, source, data, "clientEventId")
      SELECT gen_random_uuid()::text, $2, $3, $4, e.type, 'agent', e.data, e."clientEventId"
      FROM jsonb_to_recordset($5::jsonb) AS e(ord int, type text, data jsonb, "clientEventId" text), lock
      ORDER BY e.ord
      ON CONFLICT ("sandboxId", "clientEventId") DO NOTHING
      RETURNING seq, "clientEventId"),
    alive AS (
      UPDATE "Sandbox" SET "lastHeartbeatAt" = now(), "updatedAt" = now(),
        status = CASE WHEN $6::boolean THEN 'stopped'::"SandboxStatus" ELSE status END,
        "endedAt" = CASE WHEN $6::boolean THEN now() ELSE "endedAt" END
      WHERE id = $2 AND status IN ('creating', 'running')
      RETURNING 1)
    SELECT (SELECT count(*)::int FROM inserted) AS accepted, (SELECT max(seq)::text FROM inserted) AS "lastSeq",
           (SELECT array_agg("clientEventId") FROM inserted) AS stored,
           (SELECT count(*) FROM alive) AS touched`,
    values: [eventStreamKey(sandbox), sandbox.sandboxId, sandbox.specId, sandbox.taskId, JSON.stringify(rows), terminal],
  });
  const { accepted, lastSeq, stored } = result[0]!;
  return { accepted, duplicates: events.length - accepted, lastSeq, stored: stored ?? [] };
}
