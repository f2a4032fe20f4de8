import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface LocalSecrets {
  nextauthSecret: string;
}

/**
 * Secrets generated on first start and kept in <dataDir>/secrets.json (mode 0600), so `npm start` needs no
 * configuration and sessions survive restarts. An explicitly configured value always wins.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  let secrets: Partial<LocalSecrets> = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  } catch {
    // first start, or an unreadable file we replace below
  }
  if (!secrets.nextauthSecret) {
    secrets.nextauthSecret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets as LocalSecrets;
}
