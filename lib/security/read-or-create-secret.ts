import fs from "node:fs";
import { restrictSecretFile } from "@/lib/security/restrict-secret-file";
import { writeSecretFile } from "@/lib/security/write-secret-file";

/** A one-line secret kept in `file` (0600): read when present (its mode narrowed if wider), else generated. */
export function readOrCreateSecret(file: string, generate: () => string): string {
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (existing) {
    restrictSecretFile(file);
    return existing;
  }
  const secret = generate();
  writeSecretFile(file, `${secret}\n`);
  return secret;
}
