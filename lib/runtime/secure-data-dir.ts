import fs from "node:fs";
import path from "node:path";
import { restrictSecretFile } from "@/lib/security/restrict-secret-file";

export interface SecureDataDirOptions {
  dataDir: string;
  /**
   * Group of the embedded PostgreSQL's own user when it is not ours (the server runs as root): that group may pass
   * through the folder to reach its cluster in pg/, and nobody else may.
   */
  serverGid?: number;
}

/**
 * The secrets `npm start` keeps in the data folder: the session secret (local-secrets), the embedded server's
 * superuser and app-role passwords (embedded-postgres, prepare-database) and the published app URL
 * (worker-runtime). Each is written 0600; this list narrows files an earlier version wrote wider.
 */
const SECRET_FILES = ["secrets.json", "pg.password", "pg-app.password", "database-url"];

/**
 * Makes the data folder private: 0700, or 0710 with the database server's group as its group when that server runs
 * as another user. A group-traverse bit given to a group other than ours is kept, so a launcher that does not
 * know the server's group (`npm run worker`) does not take the server's way to its cluster away.
 */
export function secureDataDir({ dataDir, serverGid }: SecureDataDirOptions): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (serverGid !== undefined) fs.chownSync(dataDir, -1, serverGid);
  const stat = fs.statSync(dataDir);
  const ownGid = process.getgid?.() ?? stat.gid;
  const keepsGroupTraverse = stat.gid !== ownGid && (serverGid !== undefined || (stat.mode & 0o010) !== 0);
  const mode = keepsGroupTraverse ? 0o710 : 0o700;
  if ((stat.mode & 0o777) !== mode) fs.chmodSync(dataDir, mode);
  for (const name of SECRET_FILES) restrictSecretFile(path.join(dataDir, name));
}
