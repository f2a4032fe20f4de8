const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm;

/**
 * Whether line `line` of the given side (old: before the work, new: after it) is shown in one of a unified patch's
 * hunks, as a context or a changed line: where a review comment may be written. A hunk's old-side lines (context and
 * removed) are exactly old lines start…start+count-1, its new-side lines likewise, so the hunk headers answer it.
 */
export function isLineInDiff(patch: string, line: number, side: "old" | "new"): boolean {
  if (!Number.isInteger(line) || line < 1) return false;
  // A patch's own lines start with " ", "+", "-" or "\", so a line starting with "@@" is always a hunk header.
  for (const match of patch.matchAll(HUNK_HEADER)) {
    const start = Number(side === "old" ? match[1] : match[3]);
    // An omitted count is 1; a count of 0 (a file created or emptied) shows no line of that side.
    const count = Number((side === "old" ? match[2] : match[4]) ?? 1);
    if (line >= start && line < start + count) return true;
  }
  return false;
}
