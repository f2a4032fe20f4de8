import { getChangeKey, type ChangeData, type HunkData } from "react-diff-view";
import type { ReviewCommentDto, ReviewCommentInput } from "@/lib/tickets/review-schemas";

export type DiffSide = ReviewCommentInput["side"];

/** A line a comment can be written on: "new" for added and unchanged lines, "old" for removed ones. */
export interface CommentTarget {
  line: number;
  side: DiffSide;
}

/**
 * How a line is named in labels: "src/a.ts line 12", or "src/a.ts removed line 12" — the new file can have a line 12
 * as well, and two buttons must not share a name.
 */
export const lineName = (path: string, { line, side }: CommentTarget) => (side === "old" ? `${path} removed line ${line}` : `${path} line ${line}`);

/**
 * Which line a gutter cell's "+" comments on, or null when that cell gets no button. Unchanged lines are commented on
 * their new side only, so one line never offers two buttons (the unified view renders both gutters on every row).
 */
export function commentTarget(change: ChangeData, gutterSide: DiffSide): CommentTarget | null {
  if (change.type === "delete") return gutterSide === "old" ? { line: change.lineNumber, side: "old" } : null;
  if (gutterSide !== "new") return null;
  return change.type === "insert" ? { line: change.lineNumber, side: "new" } : { line: change.newLineNumber, side: "new" };
}

/** The change (row) showing a line of one side, by react-diff-view's change key; null when the diff does not show it. */
export function changeKeyOf(hunks: readonly HunkData[], { line, side }: CommentTarget): string | null {
  for (const hunk of hunks) {
    for (const change of hunk.changes) {
      if (matches(change, line, side)) return getChangeKey(change);
    }
  }
  return null;
}

function matches(change: ChangeData, line: number, side: DiffSide): boolean {
  if (change.type === "normal") return (side === "new" ? change.newLineNumber : change.oldLineNumber) === line;
  if (change.type === "insert") return side === "new" && change.lineNumber === line;
  return side === "old" && change.lineNumber === line;
}

/**
 * A file's comments placed under their rows. Comments on lines this diff no longer shows (the file changed since, or
 * the line left the context) are `unplaced`, so they are listed with the file rather than lost.
 */
export function placeComments(hunks: readonly HunkData[], comments: readonly ReviewCommentDto[]) {
  const byChange = new Map<string, ReviewCommentDto[]>();
  const unplaced: ReviewCommentDto[] = [];
  for (const comment of comments) {
    const key = changeKeyOf(hunks, comment);
    if (key === null) unplaced.push(comment);
    else byChange.set(key, [...(byChange.get(key) ?? []), comment]);
  }
  return { byChange, unplaced };
}
