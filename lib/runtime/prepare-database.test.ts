import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { loadOrCreateLocalSecrets } from "@/lib/runtime/local-secrets";
import { APP_ROLE, prepareDatabase, type PreparedDatabase } from "@/lib/runtime/prepare-database";
import { secureDataDir } from "@/lib/runtime/secure-data-dir";
import { publishDatabaseUrl } from "@/lib/runtime/worker-runtime";

// `npm start`'s database preparation against a real embedded PostgreSQL in a temp folder: the app gets a role that
// owns its database and nothing more, and a data folder from before that role is taken over with its data.

const isRoot = process.getuid?.() === 0;

function tempDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // As a pre-role install left it (and as mkdtemp does not): readable by everyone.
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The superuser's URL of a database, from the password file only launchers read. */
function superuserUrl(dataDir: string, appUrl: string, database = "omoios"): string {
  const url = new URL(appUrl);
  url.username = "postgres";
  url.password = encodeURIComponent(fs.readFileSync(path.join(dataDir, "pg.password"), "utf8").trim());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Objects in the database's own schemas owned by someone other than the connected role. */
const FOREIGN_OBJECTS = `
  WITH s AS (SELECT oid, nspname, nspowner FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname !~ '^pg_')
  SELECT 'schema ' || nspname AS object FROM s WHERE nspowner <> current_user::regrole AND nspowner <> 'pg_database_owner'::regrole
  UNION ALL SELECT 'relation ' || nspname || '.' || relname FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE relowner <> current_user::regrole
  UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p JOIN s ON s.oid = p.pronamespace WHERE proowner <> current_user::regrole
  UNION ALL SELECT 'type ' || nspname || '.' || typname FROM pg_type t JOIN s ON s.oid = t.typnamespace WHERE typowner <> current_user::regrole`;

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

function expectPrivateDataDir(dataDir: string) {
  if (isRoot) {
    // The embedded server runs as "postgres" and must pass through to its cluster in pg/: its group may, nobody else.
    const postgresGid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    expect(modeOf(dataDir)).toBe(0o710);
    expect(fs.statSync(dataDir).gid).toBe(postgresGid);
  } else {
    expect(modeOf(dataDir)).toBe(0o700);
  }
}

describe("prepareDatabase with the embedded server", () => {
  let dataDir: string;
  let prepared: PreparedDatabase;
  const lines: string[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir("omoios-app-role-");
    prepared = await prepareDatabase({ dataDir, log: (line) => lines.push(line) });
  }, 120_000);
  afterAll(async () => {
    await prepared?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("hands the app a role that is no superuser, owns its database and everything in it, and ran the migrations", async () => {
    const url = new URL(prepared.url);
    expect(url.username).toBe(APP_ROLE);
    expect(decodeURIComponent(url.password)).toBe(fs.readFileSync(path.join(dataDir, "pg-app.password"), "utf8").trim());
    expect(prepared.url).not.toContain(fs.readFileSync(path.join(dataDir, "pg.password"), "utf8").trim());

    await withClient(prepared.url, async (app) => {
      const role = await app.query(
        "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user",
      );
      expect(role.rows).toEqual([
        { rolname: APP_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false },
      ]);
      expect((await app.query("SELECT count(*)::int AS n FROM pg_auth_members WHERE member = current_user::regrole")).rows[0].n).toBe(0);
      const owner = await app.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()");
      expect(owner.rows[0].owner).toBe(APP_ROLE);

      // Nothing was taken over (the database was new), yet the role owns every table, function and type, the
      // migrations table and graphile-worker's schema included: it created them, i.e. the migrations ran as it.
      expect(lines.some((line) => line.includes("took over"))).toBe(false);
      expect((await app.query(FOREIGN_OBJECTS)).rows).toEqual([]);
      const owners = await app.query<{ relation: string; owner: string }>(
        `SELECT c.oid::regclass::text AS relation, pg_get_userbyid(relowner) AS owner FROM pg_class c
          WHERE c.oid IN ('"_prisma_migrations"'::regclass, '"User"'::regclass, 'graphile_worker.migrations'::regclass)`,
      );
      expect(owners.rows.map((r) => r.owner)).toEqual([APP_ROLE, APP_ROLE, APP_ROLE]);
      const applied = await app.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
      expect(applied.rows[0].n).toBe(readMigrations(DEFAULT_MIGRATIONS_DIR).length);
      // And it can do the app's work: write rows, enqueue a job.
      await app.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u1', 'a@example.test', 'A', now())`);
      await app.query(`SELECT graphile_worker.add_job('noop', '{}'::json)`);
    });
  });

  it("the role cannot create roles, read pg_authid, run programs or read server files, or use the maintenance database", async () => {
    await withClient(prepared.url, async (app) => {
      await expect(app.query("CREATE ROLE intruder LOGIN SUPERUSER")).rejects.toThrow(/permission denied to create role/);
      await expect(app.query("SELECT rolname, rolpassword FROM pg_authid")).rejects.toThrow(/permission denied for table pg_authid/);
      await app.query("CREATE TEMP TABLE loot (line text)");
      await expect(app.query("COPY loot FROM PROGRAM 'id'")).rejects.toThrow(/permission denied to COPY (from|to or from) an external program/);
      await expect(app.query("COPY loot FROM '/etc/passwd'")).rejects.toThrow(/permission denied to COPY (from|to or from) a file/);
      await expect(app.query("SELECT pg_read_file('/etc/passwd')")).rejects.toThrow(/permission denied for function pg_read_file/);
      await expect(app.query("ALTER ROLE CURRENT_USER SUPERUSER")).rejects.toThrow(/permission denied to alter role/);
    });

    // The superuser's objects in the maintenance database stay out of reach: the role cannot even connect there.
    const admin = superuserUrl(dataDir, prepared.url, "postgres");
    await withClient(admin, (su) => su.query("CREATE TABLE IF NOT EXISTS operator_notes (text text)"));
    const maintenance = Object.assign(new URL(prepared.url), { pathname: "/postgres" }).toString();
    await expect(withClient(maintenance, (app) => app.query("SELECT * FROM operator_notes"))).rejects.toThrow(
      /permission denied for database "postgres"/,
    );
    const template = Object.assign(new URL(prepared.url), { pathname: "/template1" }).toString();
    await expect(withClient(template, (app) => app.query("SELECT 1"))).rejects.toThrow(/permission denied for database "template1"/);
  });

  it("warns when an external DATABASE_URL's role is a superuser, and not for the app's role", async () => {
    const warnings = async (databaseUrl: string) => {
      const seen: string[] = [];
      await prepareDatabase({ databaseUrl, dataDir, log: (line) => seen.push(line) });
      return seen.filter((line) => line.startsWith("WARNING"));
    };
    expect(await warnings(prepared.url)).toEqual([]);
    const [warning, ...more] = await warnings(superuserUrl(dataDir, prepared.url));
    expect(more).toEqual([]);
    expect(warning).toMatch(/^WARNING: DATABASE_URL connects as "postgres", a superuser; use a role that only owns its database/);
    expect(warning).not.toContain("\n");
  });

  it("keeps every secret of the data folder 0600 in a private folder, and narrows ones written wider", () => {
    loadOrCreateLocalSecrets(dataDir);
    publishDatabaseUrl(dataDir, prepared.url);
    const secrets = ["secrets.json", "pg.password", "pg-app.password", "database-url"].map((name) => path.join(dataDir, name));
    for (const file of secrets) expect([file, modeOf(file)]).toEqual([file, 0o600]);
    expectPrivateDataDir(dataDir);

    // As an earlier version (or a careless copy) may have left them.
    for (const file of secrets) fs.chmodSync(file, 0o644);
    fs.chmodSync(dataDir, 0o755);
    secureDataDir({ dataDir });
    for (const file of secrets) expect([file, modeOf(file)]).toEqual([file, 0o600]);
    expectPrivateDataDir(dataDir);
  });
});

describe("a data folder from before the app role", () => {
  it("is taken over on the next start: the superuser's objects become the role's, the data stays, new migrations run as the role", async () => {
    const dataDir = tempDataDir("omoios-app-role-upgrade-");
    const all = readMigrations(DEFAULT_MIGRATIONS_DIR);
    const oldMigrations = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-old-migrations-"));
    try {
      // What the previous `npm start` did: everything as the superuser, with the migrations of its time.
      fs.cpSync(path.join(DEFAULT_MIGRATIONS_DIR, all[0]!.name), path.join(oldMigrations, all[0]!.name), { recursive: true });
      const old = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), database: "omoios", port: await findFreePort() });
      await migrate({ connectionString: old.url, migrationsDir: oldMigrations });
      await installJobQueue(old.url);
      await withClient(old.url, async (su) => {
        await su.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('old-user', 'old@example.test', 'Old', now())`);
        await su.query(`SELECT graphile_worker.add_job('old_job', '{"kept": true}'::json)`);
      });
      await old.stop();
      fs.writeFileSync(path.join(dataDir, "secrets.json"), `${JSON.stringify({ nextauthSecret: "old-secret" })}\n`, { mode: 0o644 });
      fs.chmodSync(path.join(dataDir, "pg.password"), 0o644);

      const lines: string[] = [];
      const prepared = await prepareDatabase({ dataDir, log: (line) => lines.push(line) });
      try {
        expect(new URL(prepared.url).username).toBe(APP_ROLE);
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`${APP_ROLE} took over \\d+ objects`)));
        // The later migrations ran, as the role, on tables the superuser had created.
        for (const migration of all.slice(1)) expect(lines).toContain(`applied migration ${migration.name}`);
        await withClient(prepared.url, async (app) => {
          expect((await app.query(FOREIGN_OBJECTS)).rows).toEqual([]);
          expect((await app.query(`SELECT email FROM "User" WHERE id = 'old-user'`)).rows).toEqual([{ email: "old@example.test" }]);
          expect((await app.query(`SELECT attempts FROM graphile_worker.jobs WHERE task_identifier = 'old_job'`)).rows).toEqual([{ attempts: 0 }]);
          const role = await app.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
          expect(role.rows).toEqual([{ rolsuper: false }]);
          await app.query(`UPDATE "User" SET name = 'Still here' WHERE id = 'old-user'`);
          await app.query(`SELECT graphile_worker.add_job('new_job', '{}'::json)`);
        });
      } finally {
        await prepared.stop();
      }
      expect(loadOrCreateLocalSecrets(dataDir).nextauthSecret).toBe("old-secret");
      for (const name of ["secrets.json", "pg.password", "pg-app.password"]) expect([name, modeOf(path.join(dataDir, name))]).toEqual([name, 0o600]);
      expectPrivateDataDir(dataDir);

      // The start after that: nothing left to take over, the same role and password.
      const again = await prepareDatabase({ dataDir, log: (line) => lines.push(`again: ${line}`) });
      try {
        expect(again.url).toBe(prepared.url.replace(/:\d+\//, `:${new URL(again.url).port}/`));
        expect(lines.filter((line) => line.startsWith("again:") && line.includes("took over"))).toEqual([]);
        await withClient(again.url, async (app) => {
          expect((await app.query(`SELECT name FROM "User" WHERE id = 'old-user'`)).rows).toEqual([{ name: "Still here" }]);
        });
      } finally {
        await again.stop();
      }
    } finally {
      fs.rmSync(oldMigrations, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
