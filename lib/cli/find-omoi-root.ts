import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { OMOI_DIR } from "@/lib/omoi-files/omoi-file-schemas";

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * The `.omoi_os/` folder to work on: inside `--dir` when given (or `--dir` itself), else the nearest one in this
 * folder or a parent (as git finds `.git`), so commands work from anywhere in a repository.
 */
export function findOmoiRoot(cwd: string, dir?: string): string | undefined {
  if (dir) {
    const base = path.resolve(cwd, dir);
    if (path.basename(base) === OMOI_DIR && isDir(base)) return base;
    return isDir(path.join(base, OMOI_DIR)) ? path.join(base, OMOI_DIR) : undefined;
  }
  for (let at = path.resolve(cwd); ; at = path.dirname(at)) {
    if (isDir(path.join(at, OMOI_DIR))) return path.join(at, OMOI_DIR);
    if (path.dirname(at) === at) return undefined;
  }
}

export function requireOmoiRoot(cwd: string, dir?: string): string {
  const root = findOmoiRoot(cwd, dir);
  if (!root) {
    const where = dir ? `in ${dir}` : "here or in a parent folder";
    throw new CliError(EXIT.usage, `no ${OMOI_DIR}/ folder ${where}; run \`omoi init --project <id>\` first`);
  }
  return root;
}
