import { getPgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/http/errors";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";
import { TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

export interface BoardColumn {
  status: TicketStatusName;
  tickets: TicketDto[];
  count: number;
  wipLimit: number | null;
}

/**
 * The kanban board of a project: every ticket any member can see (spec tickets included — none is invisible), in
 * columns, ordered by position, with dependency counts and whether an agent runs on it. Scope narrows it to mine
 * (owned or assigned), unassigned or one spec. One query on the plain pool: the board is polled.
 */
export async function getBoardView({ userId, projectId, scope }: { userId: string; projectId: string; scope: string }) {
  const pool = getPgPool();
  const { rows: projects } = await pool.query<{ wipLimits: Record<string, number> | null }>({
    name: "board-project",
    text: `SELECT p."wipLimits" FROM "Project" p JOIN "Membership" m ON m."orgId" = p."orgId" AND m."userId" = $2 WHERE p.id = $1`,
    values: [projectId, userId],
  });
  if (projects.length === 0) throw new AppError("not_found", "Project not found");
  const specId = scope.startsWith("spec:") ? scope.slice(5) : null;
  const { rows } = await pool.query<TicketDto & { createdAt: Date; updatedAt: Date }>({
    name: "board-tickets",
    text: `
      SELECT t.id, t."projectId", t.key, t.number, t.title, t.description, t.status, t."isBlocked", t."blockedReason",
             t.priority, t.position, t."userId", t."assigneeId", t."specId", t."specTaskId", t."createdAt", t."updatedAt",
             (SELECT count(*)::int FROM "TicketDependency" d WHERE d."ticketId" = t.id) AS "dependencyCount",
             EXISTS (SELECT 1 FROM "Task" k WHERE k."ticketId" = t.id AND k.status = 'running') AS running
      FROM "Ticket" t
      WHERE t."projectId" = $1
        AND ($2 <> 'mine' OR t."userId" = $3 OR t."assigneeId" = $3)
        AND ($2 <> 'unassigned' OR t."assigneeId" IS NULL)
        AND ($4::text IS NULL OR t."specId" = $4)
      ORDER BY t.status, t.position, t.number`,
    values: [projectId, scope, userId, specId],
  });
  const wip = projects[0]!.wipLimits ?? {};
  const columns: BoardColumn[] = TICKET_STATUSES.map((status) => {
    const tickets = rows
      .filter((row) => row.status === status)
      .map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }));
    return { status, tickets, count: tickets.length, wipLimit: typeof wip[status] === "number" ? wip[status] : null };
  });
  return { projectId, scope, columns };
}
