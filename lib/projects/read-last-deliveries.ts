import { db } from "@/lib/db/client";
import type { LastDeliveryDto } from "@/lib/projects/project-schemas";

/**
 * Each project's latest finished agent run on a ticket (completed: its work was delivered; failed: it was not), in
 * one statement for a whole list. Cancelled runs are a person's choice, not a delivery, and are skipped.
 */
export async function readLastDeliveries(projectIds: readonly string[]): Promise<Map<string, LastDeliveryDto>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ projectId: string; status: "completed" | "failed"; at: Date; ticketId: string; ticketKey: string }[]>`
    SELECT DISTINCT ON (k."projectId") k."projectId", t.status::text AS status, COALESCE(t."completedAt", t."updatedAt") AS at,
           k.id AS "ticketId", k.key AS "ticketKey"
    FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId"
    WHERE k."projectId" = ANY(${[...projectIds]}::text[]) AND t.status IN ('completed', 'failed')
    ORDER BY k."projectId", COALESCE(t."completedAt", t."updatedAt") DESC`;
  return new Map(
    rows.map((row) => [
      row.projectId,
      { status: row.status === "completed" ? "ok" : "failed", at: row.at.toISOString(), ticketId: row.ticketId, ticketKey: row.ticketKey },
    ]),
  );
}
