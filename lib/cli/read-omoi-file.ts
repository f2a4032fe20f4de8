import fs from "node:fs";
import path from "node:path";
import { OMOI_FILE_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import { kindOfPath, parseOmoiFile, type ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";

/**
 * Reads and parses one file of a `.omoi_os/` folder. Whatever goes wrong — unreadable, too large, hostile YAML —
 * is this file's diagnostic and never an exception, so one bad file cannot hide the other files' diagnostics.
 */
export function readOmoiFile(root: string, relPath: string, display: string): ParsedOmoiFile {
  const kind = kindOfPath(relPath)!;
  const failed = (message: string) => ({ kind, relPath, display, diagnostics: [{ file: display, line: 1, message, severity: "error" }], lineOf: () => 1 }) as ParsedOmoiFile;
  try {
    const file = path.join(root, relPath);
    // Checked before reading: a huge file is refused without loading it.
    const { size } = fs.statSync(file);
    if (size > OMOI_FILE_LIMITS.bytes) return failed(`the file is ${Math.ceil(size / 1024)} KiB; at most ${OMOI_FILE_LIMITS.bytes / 1024} KiB are read (split it)`);
    return parseOmoiFile(relPath, fs.readFileSync(file, "utf8"), display)!;
  } catch (error) {
    return failed(`could not be read: ${(error as Error).message.split("\n")[0]}`);
  }
}
