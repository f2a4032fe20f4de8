import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Inputs of the web build; a change in any of them (by size or mtime) makes `npm start` rebuild. */
const SOURCE_ROOTS = ["app", "lib", "components", "hooks", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const STAMP_FILE = path.join(".next", "omoios-build-stamp");

function* walk(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export function sourceFingerprint(root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  const files = [...SOURCE_ROOTS.flatMap((dir) => [...walk(path.join(root, dir))]), ...SOURCE_FILES.map((f) => path.join(root, f))];
  for (const file of files.sort()) {
    try {
      const st = fs.statSync(file);
      hash.update(`${path.relative(root, file)}:${st.size}:${st.mtimeMs}\n`);
    } catch {
      // an optional file that does not exist
    }
  }
  return hash.digest("hex");
}

export function isBuildCurrent(root = process.cwd()): boolean {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(path.join(root, STAMP_FILE), "utf8").trim() === sourceFingerprint(root);
  } catch {
    return false;
  }
}

export function writeBuildStamp(root = process.cwd()) {
  fs.writeFileSync(path.join(root, STAMP_FILE), `${sourceFingerprint(root)}\n`);
}
