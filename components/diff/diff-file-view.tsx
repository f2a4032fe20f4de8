"use client";

import { useId, useMemo, useState } from "react";
import { parseDiff } from "react-diff-view";
import type { DiffFile } from "@/lib/repos/diff-schemas";
import type { ReviewCommentDto, ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { ChangeCounts } from "./change-counts";
import { fileStatusLabel, omittedSummary, startsCollapsed } from "./diff-format";
import { DiffHunks } from "./diff-hunks";
import type { DiffViewMode } from "./use-diff-view-mode";

/** One changed file: a header that collapses it, then its hunks, or why they are not shown. */
export function DiffFileView({
  file,
  anchorId,
  viewMode,
  comments,
  onAddComment,
}: {
  file: DiffFile;
  anchorId: string;
  viewMode: DiffViewMode;
  comments: readonly ReviewCommentDto[];
  onAddComment?: (input: ReviewCommentInput) => Promise<unknown>;
}) {
  const bodyId = useId();
  // Only a long patch is folded; a file without one shows a single line saying why.
  const [expanded, setExpanded] = useState(() => !(file.patch !== null && startsCollapsed(file.path)));
  const openComments = comments.filter((comment) => comment.status === "open").length;

  return (
    // An article, not a section: a named section is a landmark, and a long diff would bury the page's in its own.
    <article id={anchorId} aria-label={file.path} className="scroll-mt-4 overflow-hidden rounded-lg border border-zinc-200 bg-white">
      <h3 className="border-b border-zinc-200 bg-zinc-50 text-sm">
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => setExpanded((value) => !value)}
          className="flex w-full cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden className={`inline-block text-xs text-zinc-600 transition-transform ${expanded ? "rotate-90" : ""}`}>
            ▶
          </span>
          <span className="min-w-0 flex-1 break-all font-mono text-zinc-900">
            {file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path}
          </span>
          <span className="text-xs text-zinc-600">{fileStatusLabel(file.status)}</span>
          {comments.length > 0 ? (
            <span className="text-xs text-zinc-700">
              {comments.length} {comments.length === 1 ? "comment" : "comments"}
              {openComments > 0 ? `, ${openComments} open` : ""}
            </span>
          ) : null}
          <ChangeCounts additions={file.additions} deletions={file.deletions} />
        </button>
      </h3>
      {expanded ? (
        <div id={bodyId}>
          <FileBody file={file} viewMode={viewMode} comments={comments} onAddComment={onAddComment} />
        </div>
      ) : null}
    </article>
  );
}

function FileBody({
  file,
  viewMode,
  comments,
  onAddComment,
}: {
  file: DiffFile;
  viewMode: DiffViewMode;
  comments: readonly ReviewCommentDto[];
  onAddComment?: (input: ReviewCommentInput) => Promise<unknown>;
}) {
  const parsed = useMemo(() => (file.patch ? parseDiff(file.patch)[0] : undefined), [file.patch]);
  const omitted = omittedSummary(file);
  if (omitted) return <p className="px-3 py-3 text-sm text-zinc-700">{omitted}</p>;
  if (!parsed || parsed.hunks.length === 0) {
    // A rename or copy without edits, or a mode change: git's patch has a header and no hunks.
    return <p className="px-3 py-3 text-sm text-zinc-700">No changes to the content ({fileStatusLabel(file.status)}).</p>;
  }
  return (
    <div className="overflow-x-auto text-xs">
      <DiffHunks path={file.path} file={parsed} viewMode={viewMode} comments={comments} onAddComment={onAddComment} />
    </div>
  );
}
