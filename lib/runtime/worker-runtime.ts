import fs from "node:fs";
import path from "node:path";
import { writeSecretFile } from "@/lib/security/write-secret-file";

/**
 * `npm start` with its embedded PostgreSQL writes the database URL here (mode 0600, removed on stop), so a
 * separate `npm run worker` on the same machine finds the same database without configuration. It is the app
 * role's URL, never the superuser's.
 */
export const databaseUrlFile = (dataDir: string) => path.join(dataDir, "database-url");

export function publishDatabaseUrl(dataDir: string, url: string) {
  writeSecretFile(databaseUrlFile(dataDir), `${url}\n`);
}

export function withdrawDatabaseUrl(dataDir: string) {
  fs.rmSync(databaseUrlFile(dataDir), { force: true });
}

export function readPublishedDatabaseUrl(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(databaseUrlFile(dataDir), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
