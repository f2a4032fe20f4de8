import { db } from "@/lib/db/client";
import type { OverviewActivityDto } from "@/lib/projects/project-overview-schemas";

/** The chatter of a run (liveness, progress ticks, every tool call and message): the timelines show it, not here. */
const NOISE_TYPES = ["spec.heartbeat", "spec.progress", "agent.tool_use", "agent.message"];

type Row = Omit<OverviewActivityDto, "seq" | "createdAt"> & { seq: string; createdAt: Date };

/**
 * The latest events of a project's specs and tickets' runs, newest first, with the spec and ticket each belongs to.
 * Each stream's newest are read through its own (stream, seq) index and then merged, so a project with a long
 * history costs a few index reads per spec and task, not a walk over every event of the server.
 */
export async function readProjectActivity(projectId: string, limit: number): Promise<OverviewActivityDto[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH picked AS (
      SELECT e.seq FROM "Spec" s
      CROSS JOIN LATERAL (
        SELECT seq FROM "SandboxEvent" e WHERE e."specId" = s.id AND e.type <> ALL(${NOISE_TYPES}::text[]) ORDER BY e.seq DESC LIMIT ${limit}
      ) e
      WHERE s."projectId" = ${projectId}
      UNION
      SELECT e.seq FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId"
      CROSS JOIN LATERAL (
        SELECT seq FROM "SandboxEvent" e WHERE e."taskId" = t.id AND e.type <> ALL(${NOISE_TYPES}::text[]) ORDER BY e.seq DESC LIMIT ${limit}
      ) e
      WHERE k."projectId" = ${projectId}
    )
    SELECT e.seq::text AS seq, e.type, e.source::text AS source, e."sandboxId", e."taskId", e.data, e."createdAt",
           e."specId", s.title AS "specTitle", k.id AS "ticketId", k.key AS "ticketKey"
    FROM (SELECT seq FROM picked ORDER BY seq DESC LIMIT ${limit}) p
    JOIN "SandboxEvent" e ON e.seq = p.seq
    LEFT JOIN "Spec" s ON s.id = e."specId"
    LEFT JOIN "Task" t ON t.id = e."taskId"
    LEFT JOIN "Ticket" k ON k.id = t."ticketId"
    ORDER BY e.seq DESC`;
  return rows.map((row) => ({ ...row, seq: Number(row.seq), createdAt: row.createdAt.toISOString() }));
}
