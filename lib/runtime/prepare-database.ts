import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { embeddedServerUser, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { ensureAppRole } from "@/lib/db/ensure-app-role";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { secureDataDir } from "@/lib/runtime/secure-data-dir";
import { readOrCreateSecret } from "@/lib/security/read-or-create-secret";

export interface PrepareDatabaseOptions {
  /** A PostgreSQL URL to use as is; absent → an embedded server under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  database?: string;
  log?: (line: string) => void;
  /** Receives the embedded server's own log lines (quiet by default). */
  serverLog?: (line: string) => void;
}

export interface PreparedDatabase {
  /** What the app connects with: with the embedded server, the app role's URL (never the superuser's). */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** The login role the app uses on the embedded server: owner of the app's database, nothing more. */
export const APP_ROLE = "omoios_app";
/** Its password, beside the superuser's `pg.password` in the data folder. */
export const appRolePasswordFile = (dataDir: string) => path.join(dataDir, "pg-app.password");

/**
 * Verifies a configured server answers, with one readable error when it does not. Tells whether the URL's role
 * is a superuser (the app should not be one).
 */
async function assertReachable(url: string): Promise<{ role: string; isSuperuser: boolean }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; role: string; rolsuper: boolean }>(
      "SELECT current_setting('server_version_num') AS version, current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    if (Number(rows[0]?.version) < 140000) throw new Error("PostgreSQL 14 or newer is required");
    return { role: rows[0]!.role, isSuperuser: rows[0]!.rolsuper };
  } catch (error) {
    const where = safeHost(url);
    throw new Error(`cannot use the database at ${where}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** host:port/db of a URL, without credentials, for messages. */
export function safeHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Starts (if needed) and migrates the database the app will use, and keeps the data folder private. The embedded
 * server's superuser is used here only, to make the app's role (see ensureAppRole); migrations and the job
 * queue's schema are installed as that role, so it owns what they create.
 */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  let url = options.databaseUrl;
  let stop = async () => {};
  if (url) {
    // A worker on another machine has no data folder, and needs none.
    if (fs.existsSync(options.dataDir)) secureDataDir({ dataDir: options.dataDir });
    const { role, isSuperuser } = await assertReachable(url);
    if (isSuperuser) {
      log(`WARNING: DATABASE_URL connects as "${role}", a superuser; use a role that only owns its database (see README, "The database role")`);
    }
  } else {
    const started = Date.now();
    secureDataDir({ dataDir: options.dataDir, serverGid: embeddedServerUser(log)?.gid });
    const server = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, "pg"),
      database: options.database ?? "omoios",
      log: options.serverLog,
    });
    log(`embedded PostgreSQL ready on port ${server.port} in ${Date.now() - started} ms (data in ${server.dataDir})`);
    stop = server.stop;
    try {
      const password = readOrCreateSecret(appRolePasswordFile(options.dataDir), () => crypto.randomBytes(24).toString("base64url"));
      const role = await ensureAppRole({ superuserUrl: server.url, role: APP_ROLE, password });
      if (role.created) log(`created the database role ${APP_ROLE}, owner of the app's database`);
      if (role.reassigned) log(`the database role ${APP_ROLE} took over ${role.reassigned} objects from the superuser`);
      url = role.url;
    } catch (error) {
      await stop();
      throw error;
    }
  }
  try {
    const { applied } = await migrate({ connectionString: url, log });
    if (applied.length === 0) log("database schema is up to date");
    await installJobQueue(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, embedded: !options.databaseUrl, stop };
}
