import { getPgPool } from "@/lib/db/pg-pool";
import type { SearchHit, SearchQuery } from "@/lib/search/search-schemas";

/** At most this many hits of one kind, so a project with thousands of tickets cannot crowd out its specs. */
const PER_KIND = 10;
const MAX_TERMS = 6;

// Every term must appear somewhere (title, key, description); the rank prefers the whole phrase in the title, then
// a title starting with it, then a word of the title starting with it, then all terms in the title, and an exact
// ticket key above everything. Ties go to what changed last. Only projects of the caller's organizations are read.
const SEARCH_SQL = `
  WITH mine AS (
    SELECT p.id, p.name, p.description, p."updatedAt" FROM "Project" p
    JOIN "Membership" m ON m."orgId" = p."orgId" AND m."userId" = $1),
  hits AS (
    SELECT 'project' AS kind, p.id, p.id AS "projectId", p.name AS "projectName", p.name AS title, NULL::text AS key,
           NULL::text AS status, p."updatedAt", ${rank("p.name")} AS rank
    FROM mine p WHERE (p.name || ' ' || coalesce(p.description, '')) ILIKE ALL ($2::text[])
    UNION ALL
    SELECT 'spec', s.id, s."projectId", p.name, s.title, NULL, s."generationStatus"::text, s."updatedAt", ${rank("s.title")}
    FROM "Spec" s JOIN mine p ON p.id = s."projectId"
    WHERE (s.title || ' ' || s.description) ILIKE ALL ($2::text[])
    UNION ALL
    SELECT 'ticket', t.id, t."projectId", p.name, t.title, t.key, t.status::text, t."updatedAt",
           ${rank("t.title")} + CASE WHEN upper(t.key) = upper($4::text) THEN 1000 ELSE 0 END
    FROM "Ticket" t JOIN mine p ON p.id = t."projectId"
    WHERE (t.key || ' ' || t.title || ' ' || t.description) ILIKE ALL ($2::text[])),
  ranked AS (
    SELECT hits.*, row_number() OVER (PARTITION BY kind ORDER BY rank DESC, "updatedAt" DESC) AS n FROM hits)
  SELECT kind, id, "projectId", "projectName", title, key, status, "updatedAt"
  FROM ranked WHERE n <= ${PER_KIND} ORDER BY rank DESC, "updatedAt" DESC LIMIT $5`;

function rank(title: string) {
  return `(CASE WHEN ${title} ILIKE $3::text THEN 100 WHEN ${title} ILIKE $3::text || '%' THEN 60
               WHEN (' ' || ${title}) ILIKE '% ' || $3::text || '%' THEN 40 WHEN ${title} ILIKE ALL ($2::text[]) THEN 20 ELSE 0 END)`;
}

/** LIKE treats % and _ as wildcards; a search for "50%" means the characters. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The palette's search across the projects, specs and tickets the caller can see: case-insensitive, every word must
 * match, ranked (exact ticket key, then title matches, then description-only matches), newest first among equals.
 */
export async function searchWorkspace({ userId, query }: { userId: string; query: SearchQuery }): Promise<SearchHit[]> {
  const terms = query.q.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  const { rows } = await getPgPool().query<Omit<SearchHit, "updatedAt"> & { updatedAt: Date }>({
    name: "search-workspace",
    text: SEARCH_SQL,
    values: [userId, terms.map((t) => `%${escapeLike(t)}%`), escapeLike(query.q), query.q, query.limit],
  });
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}
