import fs from "node:fs/promises";
import path from "node:path";
import { ToolError } from "@/lib/agent/agent-tool";

export interface ResolvedPath {
  /** Real absolute path: every existing component has its symlinks resolved. */
  absolute: string;
  /** Path relative to the workspace root ("." for the root itself), for messages to the model. */
  relative: string;
  /** Real absolute path of the workspace root. */
  root: string;
}

/**
 * Resolves a path the model gave (relative to the workspace root, or absolute) and refuses anything outside the
 * root: `..` that climbs out, absolute paths elsewhere, and symlinks whose real target is elsewhere. Symlinks are
 * checked with realpath on the nearest existing ancestor, so a path that does not exist yet (a file to create) is
 * checked too; a dangling symlink is refused because writing through it could create a file anywhere.
 *
 * Checking and then using a path leaves a window in which a concurrent process could swap in a symlink; the
 * agent runs its tool calls one at a time, and writers also open with O_NOFOLLOW.
 */
export async function resolveInWorkspace(root: string, requested: string): Promise<ResolvedPath> {
  if (typeof requested !== "string" || requested.trim() === "") throw new ToolError("A path is required.");
  if (requested.includes("\0")) throw new ToolError("The path contains a NUL character.");

  const realRoot = await fs.realpath(root);
  let candidate: string;
  if (path.isAbsolute(requested)) {
    candidate = path.resolve(requested);
    // An absolute path may name the root as the caller spelled it (e.g. through a symlinked temp dir).
    const givenRoot = path.resolve(root);
    if (givenRoot !== realRoot && isWithin(givenRoot, candidate)) {
      candidate = path.join(realRoot, path.relative(givenRoot, candidate));
    }
  } else {
    candidate = path.resolve(realRoot, requested);
  }
  if (!isWithin(realRoot, candidate)) {
    throw new ToolError(`Refused: "${requested}" is outside the workspace. Use a path inside the workspace root.`);
  }

  const real = await realpathOfNearestAncestor(candidate, requested);
  if (!isWithin(realRoot, real)) {
    throw new ToolError(`Refused: "${requested}" leads through a symlink to a place outside the workspace.`);
  }
  return { absolute: real, relative: path.relative(realRoot, real) || ".", root: realRoot };
}

/** True when `child` is `parent` or inside it (both absolute and normalised). */
function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

async function realpathOfNearestAncestor(candidate: string, requested: string): Promise<string> {
  const missing: string[] = [];
  let current = candidate;
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...missing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOTDIR") throw new ToolError(`"${requested}": a parent of this path is a file, not a directory.`);
      if (code === "ELOOP") throw new ToolError(`"${requested}": too many levels of symbolic links.`);
      if (code !== "ENOENT") throw error;
      if (await existsAsLink(current)) {
        throw new ToolError(`Refused: "${requested}" goes through a symlink whose target does not exist.`);
      }
      const parent = path.dirname(current);
      if (parent === current) throw error;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

async function existsAsLink(file: string): Promise<boolean> {
  try {
    return (await fs.lstat(file)).isSymbolicLink();
  } catch {
    return false;
  }
}
