import { changeCounts, changeCountsLabel } from "./diff-format";

/** "+12 −3" in green and red, with the signs carrying the meaning (not the colours) and a spoken form for screen readers. */
export function ChangeCounts({ additions, deletions }: { additions: number; deletions: number }) {
  const [added, removed] = changeCounts(additions, deletions).split(" ");
  return (
    <span className="inline-flex shrink-0 gap-1.5 font-mono text-xs tabular-nums">
      <span aria-hidden className="text-green-800">
        {added}
      </span>
      <span aria-hidden className="text-red-700">
        {removed}
      </span>
      <span className="sr-only">{changeCountsLabel(additions, deletions)}</span>
    </span>
  );
}
