import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/install-job-queue";

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
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Verifies a configured server answers, with one readable error when it does not. */
async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    if (Number(rows[0]?.server_version_num) < 140000) throw new Error("PostgreSQL 14 or newer is required");
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

/** Starts (if needed) and migrates the database the app will use. */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  let url = options.databaseUrl;
  let stop = async () => {};
  if (url) {
    await assertReachable(url);
  } else {
    const started = Date.now();
    const server = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, "pg"),
      database: options.database ?? "omoios",
      log: options.serverLog,
    });
    log(`embedded PostgreSQL ready on port ${server.port} in ${Date.now() - started} ms (data in ${server.dataDir})`);
    url = server.url;
    stop = server.stop;
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
