import fs from "node:fs";
import path from "node:path";

/**
 * Writes a secret readable by its owner only (0600), replacing the file atomically. A missing folder is created
 * 0700; an existing one is left as it is (it may be shared, like the temp folder).
 */
export function writeSecretFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  // Exactly 0600 whatever the umask; the rename then replaces an older file, and its mode, at once.
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}
