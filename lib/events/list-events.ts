import { z } from "zod";
import { getPgPool } from "@/lib/db/pg-pool";

export const MAX_EVENTS_PER_PAGE = 500;

/** `?after=<seq>&limit=` of the polling endpoints; shared by the routes and the UI's hook. */
export const eventPageQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PER_PAGE).default(200),
});
export type EventPageQuery = z.infer<typeof eventPageQuerySchema>;

export interface StoredEventDto {
  seq: number;
  type: string;
  source: "agent" | "worker" | "system";
  sandboxId: string | null;
  taskId: string | null;
  data: unknown;
  createdAt: string;
}

export interface EventPage {
  events: StoredEventDto[];
  /** Pass as `after` next time; equals the request's `after` when nothing new arrived. */
  nextCursor: number;
  /** True when the page was full: ask again at once rather than after the polling interval. */
  hasMore: boolean;
}

type Scope = { specId: string } | { sandboxId: string } | { taskId: string };

// seq goes out as text (a bigint); ORDER BY must name the table's column, not this text alias.
const COLUMNS = `e.seq::text AS seq, e.type, e.source, e."sandboxId", e."taskId", e.data, e."createdAt"`;

// Named statements (planned once per connection). The row comparison bounded to one stream can only be served by
// the (stream, seq) index; a plain "stream = $1 AND seq > $2 ORDER BY seq" lets PostgreSQL walk the global seq index
// through every older event of every stream (measured: 148 ms vs 0.5 ms for a first page on a 50,000-event spec).
const MAX_SEQ = "9223372036854775807";
const pageQuery = (column: string) =>
  `SELECT ${COLUMNS} FROM "SandboxEvent" e
   WHERE (e."${column}", e.seq) > ($1, $2::bigint) AND (e."${column}", e.seq) <= ($1, ${MAX_SEQ})
   ORDER BY e."${column}", e.seq LIMIT $3`;
const QUERIES = {
  specId: { name: "events-by-spec", text: pageQuery("specId") },
  sandboxId: { name: "events-by-sandbox", text: pageQuery("sandboxId") },
  taskId: { name: "events-by-task", text: pageQuery("taskId") },
} as const;

/** One page of a stream's events in ascending seq after the cursor. Access is the caller's to check. */
export async function listEvents(scope: Scope, { after, limit }: EventPageQuery): Promise<EventPage> {
  const key = Object.keys(scope)[0] as keyof typeof QUERIES;
  const id = (scope as Record<string, string>)[key];
  const { rows } = await getPgPool().query<Omit<StoredEventDto, "seq" | "createdAt"> & { seq: string; createdAt: Date }>({
    ...QUERIES[key],
    values: [id, after, limit],
  });
  const events = rows.map((row) => ({ ...row, seq: Number(row.seq), createdAt: row.createdAt.toISOString() }));
  return { events, nextCursor: events.at(-1)?.seq ?? after, hasMore: events.length === limit };
}
