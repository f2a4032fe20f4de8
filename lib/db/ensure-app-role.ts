import crypto from "node:crypto";
import pg from "pg";

export interface EnsureAppRoleOptions {
  /** A superuser's URL of the app's database (ownership is per database, so it connects there). */
  superuserUrl: string;
  /** The login role the app connects as. */
  role: string;
  password: string;
}

export interface AppRole {
  /** `superuserUrl` with the app role's credentials: what the web process and workers receive. */
  url: string;
  created: boolean;
  /** Objects of the database that a superuser owned and the app role now owns (an install from before it). */
  reassigned: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const MAINTENANCE_DATABASES = ["postgres", "template1"];

/** Everything the role may not do: it owns its database and nothing else. Set on every start, not only at creation. */
const ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

/**
 * One ALTER … OWNER TO per object a superuser owns in the database's own schemas. REASSIGN OWNED cannot do it: it
 * refuses objects of the bootstrap superuser ("required by the database system"). Indexes, table row types,
 * serial/identity sequences and array types follow their owner object; extension members stay the extension's.
 */
const REASSIGN_STATEMENTS = `
WITH s AS (
  SELECT oid, nspname, nspowner FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname !~ '^pg_'
), su AS (
  SELECT oid FROM pg_roles WHERE rolsuper
)
SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, $1::text) AS sql
  FROM s WHERE s.nspowner IN (SELECT oid FROM su)
UNION ALL
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              s.nspname, c.relname, $1::text)
  FROM pg_class c JOIN s ON s.oid = c.relnamespace
 WHERE c.relowner IN (SELECT oid FROM su) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))))
UNION ALL
SELECT format('ALTER %s %s OWNER TO %I',
              CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
              p.oid::regprocedure::text, $1::text)
  FROM pg_proc p JOIN s ON s.oid = p.pronamespace
 WHERE p.proowner IN (SELECT oid FROM su)
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT format('ALTER %s %I.%I OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, s.nspname, t.typname, $1::text)
  FROM pg_type t JOIN s ON s.oid = t.typnamespace
 WHERE t.typowner IN (SELECT oid FROM su)
   AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`;

/**
 * A SCRAM-SHA-256 verifier of `password` (RFC 5803, the form PostgreSQL stores). Handing the server the verifier
 * rather than the password keeps the password out of its statement logs.
 */
function scramVerifier(password: string): string {
  const iterations = 4096;
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = crypto.createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = crypto.createHash("sha256").update(clientKey).digest();
  const serverKey = crypto.createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/**
 * Makes `role` the login role of the app: not a superuser and without any role attribute or membership that reaches
 * beyond its database, owner of that database and of every object in it (taking over what a superuser owned —
 * installs from before this role), and with `password`. The maintenance databases are closed to ordinary roles.
 * Idempotent: run by the launcher at every start of the embedded server.
 */
export async function ensureAppRole({ superuserUrl, role, password }: EnsureAppRoleOptions): Promise<AppRole> {
  if (!IDENTIFIER.test(role)) throw new Error(`invalid role name: ${role}`);
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
    if (!IDENTIFIER.test(database) || MAINTENANCE_DATABASES.includes(database)) {
      throw new Error(`the app cannot own the database "${database}"; give it a database of its own`);
    }
    await client.query("BEGIN");
    const created = !(await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
    const passwordClause = `PASSWORD ${client.escapeLiteral(scramVerifier(password))}`;
    await client.query(`${created ? "CREATE" : "ALTER"} ROLE "${role}" WITH ${ROLE_ATTRIBUTES} ${passwordClause}`);
    // Memberships someone granted (pg_read_server_files, pg_execute_server_program, …) would reach past the database.
    const { rows: memberships } = await client.query<{ granted: string }>(
      "SELECT quote_ident(r.rolname) AS granted FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = $1::regrole",
      [role],
    );
    for (const { granted } of memberships) await client.query(`REVOKE ${granted} FROM "${role}"`);

    await client.query(`ALTER DATABASE "${database}" OWNER TO "${role}"`);
    await client.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
    // By default every role may connect to these and create temporary tables there.
    for (const name of MAINTENANCE_DATABASES) await client.query(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);

    const { rows } = await client.query<{ sql: string }>(REASSIGN_STATEMENTS, [role]);
    for (const { sql } of rows) await client.query(sql);
    await client.query("COMMIT");

    const url = new URL(superuserUrl);
    url.username = role;
    url.password = encodeURIComponent(password);
    return { url: url.toString(), created, reassigned: rows.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
