import { diffLines } from "diff";

export type DiffRow = { kind: "same" | "added" | "removed"; text: string } | { kind: "skipped"; count: number };

export interface TextDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

/**
 * The lines that changed between two texts (jsdiff's line diff, the Myers algorithm), with `context` unchanged lines
 * around each change and longer unchanged stretches folded into one "n unchanged lines" row.
 */
export function diffText(before: string, after: string, context = 3): TextDiff {
  const lines: Exclude<DiffRow, { kind: "skipped" }>[] = [];
  // Both end with a newline, so a last line followed by a new one is not reported as changed.
  const ended = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);
  for (const change of diffLines(ended(before), ended(after))) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    // A part ends with its last line's newline; the text after it is no further line.
    const parts = change.value.endsWith("\n") ? change.value.slice(0, -1).split("\n") : change.value.split("\n");
    for (const text of parts) lines.push({ kind, text });
  }
  const added = lines.filter((line) => line.kind === "added").length;
  const removed = lines.filter((line) => line.kind === "removed").length;

  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let i = Math.max(0, index - context); i <= Math.min(lines.length - 1, index + context); i++) near[i] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (line.kind === "same" && !near[index]) {
      skipped++;
      return;
    }
    if (skipped > 0) rows.push({ kind: "skipped", count: skipped });
    skipped = 0;
    rows.push(line);
  });
  if (skipped > 0) rows.push({ kind: "skipped", count: skipped });
  return { rows, added, removed };
}
