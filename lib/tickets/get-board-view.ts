import { getPgPool } from "@/lib/db/pg-pool";
import type { IntegrationStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";
import { TICKET_STATUSES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/**
 * A card: the ticket without what a card never shows (description, timestamps); 2,000 of them add up. With what the
 * board needs besides: the assignee's name, and the latest task's integration state (the board judges a drag with it
 * before the drop, as the server does after: lib/tickets/can-move-ticket.ts).
 */
export type BoardTicket = Omit<TicketDto, "description" | "createdAt" | "updatedAt"> & {
  assigneeName: string | null;
  integration: IntegrationStatus | null;
};

/**
 * The whole board as one JSON document built by PostgreSQL: dependency counts, running agents and the latest task's
 * integration state as grouped joins (not subqueries per ticket), cards grouped by status and ordered by position.
 * Node passes the text through instead of parsing 2,000 rows into objects and serializing them again. Exported for bench/board-dispatch.ts,
 * whose raw baseline runs this same statement.
 */
export const BOARD_TICKETS_SQL = `
  WITH deps AS (
    SELECT d."ticketId", count(*)::int AS n FROM "TicketDependency" d JOIN "Ticket" x ON x.id = d."ticketId"
    WHERE x."projectId" = $1 GROUP BY d."ticketId"),
  tasks AS (
    SELECT k."ticketId", bool_or(k.status = 'running') AS running,
           (array_agg(k.integration ORDER BY k."createdAt" DESC))[1] AS integration
    FROM "Task" k JOIN "Ticket" x ON x.id = k."ticketId"
    WHERE x."projectId" = $1 GROUP BY k."ticketId"),
  cards AS (
    SELECT t.status, t.position, t.number,
           (($2 <> 'mine' OR t."userId" = $3 OR t."assigneeId" = $3)
             AND ($2 <> 'unassigned' OR t."assigneeId" IS NULL)
             AND ($4::text IS NULL OR t."specId" = $4)) AS shown,
           json_build_object('id', t.id, 'projectId', t."projectId", 'key', t.key, 'number', t.number, 'title', t.title,
             'status', t.status, 'isBlocked', t."isBlocked", 'blockedReason', t."blockedReason", 'priority', t.priority,
             'position', t.position, 'userId', t."userId", 'assigneeId', t."assigneeId", 'specId', t."specId",
             'specTaskId', t."specTaskId", 'dependencyCount', COALESCE(deps.n, 0), 'running', COALESCE(tasks.running, false),
             'integration', tasks.integration, 'assigneeName', u.name) AS card
    FROM "Ticket" t
    LEFT JOIN deps ON deps."ticketId" = t.id
    LEFT JOIN tasks ON tasks."ticketId" = t.id
    LEFT JOIN "User" u ON u.id = t."assigneeId"
    WHERE t."projectId" = $1)
  SELECT status::text AS status, count(*)::int AS count,
         COALESCE(json_agg(card ORDER BY position, number) FILTER (WHERE shown), '[]')::text AS tickets
  FROM cards GROUP BY status`;

export interface BoardColumn {
  status: TicketStatusName;
  /** The cards the scope shows. */
  tickets: BoardTicket[];
  /** Every ticket in the column, whatever the scope: what its WIP limit counts. */
  count: number;
  wipLimit: number | null;
}

/** The body of GET /api/v1/board/view. */
export interface BoardView {
  projectId: string;
  scope: string;
  columns: BoardColumn[];
}

/**
 * The kanban board of a project: every ticket any member can see (spec tickets included — none is invisible), in
 * columns, ordered by position, with dependency counts and whether an agent runs on it. Scope narrows it to mine
 * (owned or assigned), unassigned or one spec — the cards shown, never the counts: a column's count (and its WIP
 * limit) is always the whole column, since agents fill it whatever anyone's filter is. One query on the plain pool (the board is polled); returns the JSON
 * text of a BoardView.
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
  // Deliberately not a named (prepared) statement: after five runs PostgreSQL may switch a prepared statement to a
  // generic plan, and this one's generic plan (the scope conditions cannot be folded away) measured 20× slower than
  // the custom plan on 2,000 tickets (bench/board-dispatch). Planning each time costs about a millisecond.
  const { rows } = await pool.query<{ status: TicketStatusName; count: number; tickets: string }>(BOARD_TICKETS_SQL, [projectId, scope, userId, specId]);
  const wip = projects[0]!.wipLimits ?? {};
  const byStatus = new Map(rows.map((row) => [row.status, row]));
  // Assembled as text: the cards stay the JSON PostgreSQL produced.
  const columns = TICKET_STATUSES.map((status) => {
    const row = byStatus.get(status);
    const limit = typeof wip[status] === "number" ? wip[status] : null;
    return `{"status":"${status}","count":${row?.count ?? 0},"wipLimit":${limit},"tickets":${row?.tickets ?? "[]"}}`;
  });
  return `{"projectId":${JSON.stringify(projectId)},"scope":${JSON.stringify(scope)},"columns":[${columns.join(",")}]}`;
}
