import { runGit } from "@/lib/repos/run-git";

/** More entries than any repository a spec explores; past it the listing is cut (and the check errs towards "missing"). */
const MAX_ENTRIES = 500_000;

/**
 * Every file and folder of a commit's tree, as repository-relative paths: what "this path exists at the spec's base"
 * is answered from. One `git ls-tree` in the server's mirror; an empty repository (null) has nothing.
 */
export async function listPathsAtCommit(gitDir: string, commit: string | null): Promise<Set<string>> {
  const paths = new Set<string>();
  if (!commit) return paths;
  const out = await runGit(["ls-tree", "-r", "-t", "--name-only", "-z", commit], { gitDir });
  for (const entry of out.split("\0")) {
    if (!entry) continue;
    if (paths.size >= MAX_ENTRIES) break;
    paths.add(entry);
  }
  return paths;
}

/**
 * A path as a model names it, made repository-relative: `./src/a.ts`, `/workspace/src/a.ts` and `src/a.ts/` are
 * `src/a.ts`; anything climbing out (`..`) or absolute elsewhere is null (it cannot be in the repository).
 */
export function toRepoPath(named: string): string | null {
  let p = named.trim().replace(/\\/g, "/");
  if (p.startsWith("/workspace/")) p = p.slice("/workspace/".length);
  else if (p.startsWith("/")) return null;
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return null;
    parts.push(part);
  }
  return parts.length ? parts.join("/") : null;
}
