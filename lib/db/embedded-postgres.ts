import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  binaryPackageDir,
  ensurePostgresUser,
  isRoot,
  isTraversableBy,
  isTraversableByOthers,
  PG_USER,
  relocateBinaries,
  relocatedDataDir,
} from "@/lib/db/embedded-postgres-files";
import { findFreePort, run, STOP_TIMEOUT_MS, stopStaleServer } from "@/lib/db/embedded-postgres-process";
import { readOrCreateSecret } from "@/lib/security/read-or-create-secret";

// The pieces live beside this file (embedded-postgres-files.ts: binaries, data folder, server user;
// embedded-postgres-process.ts: ports, initdb, stale servers); this entry starts the server and keeps the names
// other code imports.
export { embeddedServerUser, isTraversableBy, isTraversableByOthers } from "@/lib/db/embedded-postgres-files";
export { findFreePort } from "@/lib/db/embedded-postgres-process";

/**
 * A PostgreSQL server run from the binaries of the `@embedded-postgres/<platform>` package.
 *
 * We drive initdb/postgres ourselves instead of through the `embedded-postgres` wrapper because we need control it
 * does not give: relocating binaries and data when the checkout is not traversable by the `postgres` user (a home
 * folder with mode 700), a persistent random password, a free port when 5432 is taken, and a clean stop that the
 * caller owns (the wrapper installs its own exit hooks).
 */
export interface EmbeddedPostgresOptions {
  /** Cluster data directory; created with initdb on first start. */
  dataDir: string;
  /** Port to listen on; when omitted, 5432 if free, otherwise any free port. */
  port?: number;
  /** Database to create (if missing) and return the URL of. */
  database?: string;
  /** Receives the server's own log lines and our notices. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of `database` (or of `postgres` when none was given). */
  url: string;
  /** URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  let nativeDir = binaryPackageDir();
  let dataDir = path.resolve(options.dataDir);
  let ids: { uid: number; gid: number } | undefined;

  if (isRoot()) {
    ids = ensurePostgresUser(log);
    if (!isTraversableByOthers(nativeDir)) nativeDir = relocateBinaries(nativeDir, log);
    // Only the folders above matter: the data folder itself is the postgres user's own, with mode 700 by design
    // (checking it too sent every restart to a fresh, empty cluster elsewhere). The folder just above may let the
    // postgres group through and nobody else (the app's data folder, which holds secrets, does: 0710).
    if (!isTraversableBy(path.dirname(dataDir), ids)) dataDir = relocatedDataDir(dataDir, log);
  }
  const bin = (name: string) => path.join(nativeDir, "bin", name);
  const passwordFile = `${dataDir}.password`;
  // The superuser's: only launchers read it (to set up the app's role), never the app itself.
  const password = readOrCreateSecret(passwordFile, () => crypto.randomBytes(18).toString("base64url"));

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) fs.chownSync(dataDir, ids.uid, ids.gid);
  fs.chmodSync(dataDir, 0o700);

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // initdb reads the password from a file the postgres user can read; it lives only for this call.
    const pwfile = path.join(os.tmpdir(), `omoios-pg-pw-${crypto.randomBytes(6).toString("hex")}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (ids) fs.chownSync(pwfile, ids.uid, ids.gid);
    try {
      await run(
        bin("initdb"),
        ["-D", dataDir, "-U", PG_USER, "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"],
        ids,
        log,
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  } else {
    await stopStaleServer(dataDir, log);
  }

  const port = options.port ?? (await findFreePort(5432));
  const child: ChildProcess = spawn(
    bin("postgres"),
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    // Own process group: a Ctrl-C in the terminal reaches the app first, and the app stops the database last.
    { ...ids, detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  await new Promise<void>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) if (line.trim()) log(line);
      stderr += text;
      if (stderr.includes("ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited during start-up (code ${code}): ${stderr.trim().split("\n").slice(-2).join(" | ")}`));
    });
  });

  const base = `postgresql://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  if (options.database) await createDatabaseIfMissing(adminUrl, options.database);

  return {
    url: options.database ? `${base}/${options.database}` : adminUrl,
    adminUrl,
    port,
    dataDir,
    async stop() {
      if (exited) return;
      child.kill("SIGINT"); // "fast" shutdown: ends sessions, writes a checkpoint
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
