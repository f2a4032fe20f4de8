import fs from "node:fs/promises";
import path from "node:path";
import { isGitWorkTree } from "@/lib/agent/workspace/is-git-work-tree";
import { runGit } from "@/lib/agent/workspace/run-git";

export interface WorkspaceFiles {
  /** Root-relative, `/`-separated paths of files. */
  files: string[];
  truncated: boolean;
}

/** Directories a walk never enters: version-control internals and installed dependencies. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

/**
 * The files under `relativeDir`: in a git work tree, tracked and untracked files that .gitignore does not exclude;
 * elsewhere (or when git refuses, e.g. a repository owned by another user) a bounded walk that does not follow
 * symlinks, so it cannot leave the workspace.
 */
export async function listWorkspaceFiles(root: string, relativeDir: string, limit: number): Promise<WorkspaceFiles> {
  if (await isGitWorkTree(root)) {
    const pathspec = relativeDir === "." ? [] : ["--", `:(literal)${relativeDir}`];
    const result = await runGit(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", ...pathspec]);
    if (result.code === 0 || result.truncated) {
      const all = [...new Set(result.stdout.split("\0").filter(Boolean))];
      return { files: all.slice(0, limit), truncated: result.truncated || all.length > limit };
    }
  }
  return walk(root, relativeDir, limit);
}

async function walk(root: string, relativeDir: string, limit: number): Promise<WorkspaceFiles> {
  const files: string[] = [];
  const queue = [relativeDir === "." ? "" : relativeDir.split(path.sep).join("/")];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    let entries: import("node:fs").Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) queue.push(relative);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (files.length >= limit) return { files, truncated: true };
        files.push(relative);
      }
    }
  }
  return { files, truncated: false };
}
