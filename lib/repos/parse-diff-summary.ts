import type { DiffFile } from "@/lib/repos/diff-schemas";

/** One changed file of a comparison, before its patch is read. */
export type DiffSummaryFile = Omit<DiffFile, "patch" | "omitted">;

const STATUS: Record<string, DiffFile["status"]> = { A: "added", M: "modified", D: "deleted", R: "renamed", C: "copied", T: "type_changed" };

/**
 * The files of `git diff --raw --numstat -z -M` (one git process for the tree and the numbers): first one raw record
 * per file (`:<modes> <shas> <status>\0<path>\0`, two paths for a rename or copy), then one numstat record per file in
 * the same order (`<added>\t<deleted>\t<path>\0`, or `…\t\0<old>\0<new>\0` for a rename; `-` for a binary file).
 * NUL-separated, so paths with spaces, tabs, quotes, newlines or any unicode arrive as they are.
 */
export function parseDiffSummary(output: string): DiffSummaryFile[] {
  const tokens = output.split("\0");
  const files: DiffSummaryFile[] = [];
  let i = 0;
  while (i < tokens.length && tokens[i]!.startsWith(":")) {
    const letter = tokens[i]!.split(" ")[4]?.[0] ?? "M";
    const twoPaths = letter === "R" || letter === "C";
    const oldPath = twoPaths ? tokens[i + 1]! : null;
    const path = twoPaths ? tokens[i + 2]! : tokens[i + 1]!;
    files.push({ path, oldPath, status: STATUS[letter] ?? "modified", additions: 0, deletions: 0, binary: false });
    i += twoPaths ? 3 : 2;
  }
  for (const file of files) {
    const [added = "0", deleted = "0", named = ""] = (tokens[i] ?? "").split("\t");
    // A rename's numstat names its paths in the next two tokens instead of after the tabs.
    i += named === "" && file.oldPath !== null ? 3 : 1;
    file.binary = added === "-" && deleted === "-";
    file.additions = file.binary ? 0 : Number(added) || 0;
    file.deletions = file.binary ? 0 : Number(deleted) || 0;
  }
  return files;
}
