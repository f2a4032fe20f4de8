import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";

const adminUrl = inject("adminUrl");
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `mig_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("migrate", () => {
  it("applies every migration to an empty database and records Prisma-compatible rows", async () => {
    const url = await freshDatabase();
    const files = readMigrations();
    const result = await migrate({ connectionString: url });
    expect(result.applied).toEqual(files.map((f) => f.name));

    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const sql = fs.readFileSync(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["User", "Spec", "Ticket", "SandboxEvent"]));
  });

  it("is idempotent, and concurrent runs apply each migration once", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrate({ connectionString: url }), migrate({ connectionString: url })]);
    expect(a.applied.length + b.applied.length).toBe(readMigrations().length);
    const again = await migrate({ connectionString: url });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const url = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-mig-"));
    fs.mkdirSync(path.join(dir, "20260101000000_first"));
    fs.writeFileSync(path.join(dir, "20260101000000_first", "migration.sql"), "CREATE TABLE t1 (id int);");
    await migrate({ connectionString: url, migrationsDir: dir });
    fs.writeFileSync(path.join(dir, "20260101000000_first", "migration.sql"), "CREATE TABLE t1 (id bigint);");
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(/was changed after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rolls a failing migration back entirely and records nothing for it", async () => {
    const url = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-mig-"));
    fs.mkdirSync(path.join(dir, "20260101000000_ok"));
    fs.writeFileSync(path.join(dir, "20260101000000_ok", "migration.sql"), "CREATE TABLE ok (id int);");
    fs.mkdirSync(path.join(dir, "20260102000000_bad"));
    fs.writeFileSync(
      path.join(dir, "20260102000000_bad", "migration.sql"),
      "CREATE TABLE half (id int);\nSELECT * FROM no_such_table;",
    );
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(/20260102000000_bad failed/);
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "ok"]);
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_ok"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
