import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { restrictSecretFile } from "@/lib/security/restrict-secret-file";
import { writeSecretFile } from "@/lib/security/write-secret-file";

interface LocalSecrets {
  nextauthSecret: string;
}

/** The file in the data folder holding the generated secrets. */
export const localSecretsFile = (dataDir: string) => path.join(dataDir, "secrets.json");

/**
 * Secrets generated on first start and kept in <dataDir>/secrets.json (mode 0600), so `npm start` needs no
 * configuration and sessions survive restarts. An explicitly configured value always wins.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = localSecretsFile(dataDir);
  let secrets: Partial<LocalSecrets> = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  } catch {
    // first start, or an unreadable file we replace below
  }
  if (!secrets.nextauthSecret) {
    secrets.nextauthSecret = crypto.randomBytes(32).toString("base64url");
    writeSecretFile(file, `${JSON.stringify(secrets, null, 2)}\n`);
  } else {
    // Written by an earlier version, whose mode may have been wider.
    restrictSecretFile(file);
  }
  return secrets as LocalSecrets;
}
