import fs from "node:fs";

/**
 * Narrows an existing secret file to 0600 (files written by earlier versions, or by hand, may be wider). Returns
 * whether it changed anything; a missing file is not an error.
 */
export function restrictSecretFile(file: string): boolean {
  let mode: number;
  try {
    const stat = fs.lstatSync(file);
    // A link could point anywhere; chmod would follow it. Secrets are written as plain files only.
    if (!stat.isFile()) return false;
    mode = stat.mode & 0o777;
  } catch {
    return false;
  }
  if (mode === 0o600) return false;
  fs.chmodSync(file, 0o600);
  return true;
}
