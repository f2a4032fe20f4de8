import { useMemo } from "react";
import { diffText, type DiffRow } from "./text-diff";

const ROW: Record<Exclude<DiffRow["kind"], "skipped">, { mark: string; said: string; className: string }> = {
  added: { mark: "+", said: "Added: ", className: "bg-emerald-50 text-emerald-900" },
  removed: { mark: "−", said: "Removed: ", className: "bg-red-50 text-red-900" },
  same: { mark: " ", said: "", className: "text-zinc-700" },
};

/**
 * Two texts' line diff, read top to bottom: added lines green with "+", removed red with "−" (and said as "Added:" /
 * "Removed:" to screen readers, as colour and signs are not read out), unchanged stretches folded. With no change
 * between them, the text is shown whole.
 */
export function TextDiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const diff = useMemo(() => diffText(before, after), [before, after]);
  const isSame = diff.added === 0 && diff.removed === 0;
  return (
    <div className="space-y-1.5">
      <p className="text-xs text-zinc-600">
        {isSame ? "No change between them." : `${diff.added} ${diff.added === 1 ? "line" : "lines"} added, ${diff.removed} removed`}
      </p>
      <div
        role="region"
        aria-label={label}
        // Focusable, so long lines can be scrolled to with the keyboard.
        tabIndex={0}
        className="max-h-[36rem] overflow-auto rounded-md border border-zinc-200 bg-white py-1 font-mono text-xs leading-5 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {isSame ? (
          <pre className="px-3 whitespace-pre-wrap break-words text-zinc-800">{after}</pre>
        ) : (
          diff.rows.map((row, index) =>
            row.kind === "skipped" ? (
              <p key={index} className="border-y border-zinc-100 bg-zinc-50 px-3 text-zinc-600">
                … {row.count} unchanged {row.count === 1 ? "line" : "lines"}
              </p>
            ) : (
              <DiffLine key={index} row={row} />
            ),
          )
        )}
      </div>
    </div>
  );
}

function DiffLine({ row }: { row: Exclude<DiffRow, { kind: "skipped" }> }) {
  const style = ROW[row.kind];
  const Tag = row.kind === "added" ? "ins" : row.kind === "removed" ? "del" : "div";
  return (
    <Tag className={`flex no-underline ${style.className}`}>
      <span aria-hidden className="w-6 shrink-0 select-none text-center">
        {style.mark}
      </span>
      <span className="min-w-0 whitespace-pre-wrap break-words pr-3">
        {style.said ? <span className="sr-only">{style.said}</span> : null}
        {row.text || " "}
      </span>
    </Tag>
  );
}
