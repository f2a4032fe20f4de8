import { constants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { ToolError } from "@/lib/agent/agent-tool";
import type { ResolvedPath } from "@/lib/agent/workspace/resolve-in-workspace";

/**
 * Writes a resolved workspace file. Refuses the repository's .git directory (a write there can corrupt history or
 * plant hooks), and opens with O_NOFOLLOW so a symlink put in place after the path was checked is not followed.
 */
export async function writeWorkspaceFile(file: ResolvedPath, content: string): Promise<void> {
  if (file.relative.split(path.sep)[0] === ".git") throw new ToolError(`Refused: ${file.relative} is inside .git.`);
  const existing = await fs.lstat(file.absolute).catch(() => null);
  if (existing?.isDirectory()) throw new ToolError(`${file.relative} is a directory.`);
  await fs.mkdir(path.dirname(file.absolute), { recursive: true });
  const handle = await fs.open(file.absolute, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(content, "utf8");
  } finally {
    await handle.close();
  }
}
