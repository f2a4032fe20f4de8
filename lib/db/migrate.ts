import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies Prisma-format migrations (prisma/migrations/<name>/migration.sql) without Prisma's native engine.
 *
 * It writes the same `_prisma_migrations` rows as `prisma migrate deploy` (checksum = sha256 hex of the file), so
 * either tool can take over the same history. Each migration runs in its own transaction, all of them under one
 * advisory lock so concurrent starters (web, worker, tests) never race.
 */
export interface MigrateOptions {
  connectionString: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Arbitrary but fixed: the key every OmoiOS migrator locks on. */
const MIGRATION_LOCK_KEY = 72_707_001;

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(migrationsDir)) throw new Error(`no migrations folder at ${migrationsDir}`);
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate({ connectionString, migrationsDir, log = () => {} }: MigrateOptions): Promise<MigrateResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    let alreadyApplied = 0;

    for (const migration of migrations) {
      const row = byName.get(migration.name);
      if (row && row.finished_at === null) {
        throw new Error(
          `migration ${migration.name} started earlier but never finished; inspect the database, then mark it rolled back`,
        );
      }
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… ≠ ` +
              `${migration.checksum.slice(0, 12)}…); restore the file and add a new migration instead`,
          );
        }
        alreadyApplied++;
        continue;
      }
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(migration.sql); // simple protocol: the whole script, atomically with the row below
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      log(`applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
