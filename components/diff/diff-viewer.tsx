"use client";

import "react-diff-view/style/index.css";
import "./diff-viewer.css";
import { useMemo } from "react";
import type { DiffDto } from "@/lib/repos/diff-schemas";
import type { ReviewCommentDto, ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { Button } from "@/components/ui/button";
import { ChangeCounts } from "./change-counts";
import { DiffCommits } from "./diff-commits";
import { fileAnchorId, isFileLoaded } from "./diff-format";
import { DiffFileTree } from "./diff-file-tree";
import { DiffFileView } from "./diff-file-view";
import { buildFileTree } from "./file-tree";
import { useDiffViewMode, type DiffViewMode } from "./use-diff-view-mode";

const NO_COMMENTS: readonly ReviewCommentDto[] = [];

export interface DiffViewerProps {
  diff: DiffDto;
  /** Fetches the next page of files; "Load more files" shows while the diff has one and this is given. */
  onLoadMore?: () => void;
  loadingMore?: boolean;
  /** Line comments to show under their lines (a ticket's review). */
  comments?: readonly ReviewCommentDto[];
  /** Makes lines commentable: each gets a "+" that opens a form; a rejection is shown in the form. */
  onAddComment?: (input: ReviewCommentInput) => Promise<unknown>;
  /** Prefix of the files' anchors, for a page that shows more than one diff. */
  idPrefix?: string;
}

/** A comparison base...head: totals, the layout toggle, the file tree, each file's hunks, paging and the commits. */
export function DiffViewer({ diff, onLoadMore, loadingMore = false, comments = NO_COMMENTS, onAddComment, idPrefix = "diff" }: DiffViewerProps) {
  const [viewMode, setViewMode] = useDiffViewMode();
  const tree = useMemo(() => buildFileTree(diff.files), [diff.files]);
  const commentsByPath = useMemo(() => {
    const byPath = new Map<string, ReviewCommentDto[]>();
    for (const comment of comments) byPath.set(comment.path, [...(byPath.get(comment.path) ?? []), comment]);
    return byPath;
  }, [comments]);

  if (diff.base === null || diff.head === null) {
    return <p className="rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-600">Nothing to compare yet: no work has been delivered.</p>;
  }
  const loadedCount = diff.files.filter(isFileLoaded).length;
  const notLoaded = diff.files.length - loadedCount;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-zinc-800">
          <span className="font-medium">
            {diff.totals.files} {diff.totals.files === 1 ? "file" : "files"} changed
          </span>
          <ChangeCounts additions={diff.totals.additions} deletions={diff.totals.deletions} />
        </p>
        <p className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-600" title={`${diff.baseLabel}...${diff.headLabel}`}>
          {diff.headLabel} <span className="font-sans">into</span> {diff.baseLabel}
        </p>
        {diff.files.length > 0 ? <ViewModeToggle mode={viewMode} onChange={setViewMode} /> : null}
      </div>
      <DiffCommits commits={diff.commits} />
      {diff.files.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-600">No file differs.</p>
      ) : (
        <div className="grid items-start gap-3 lg:grid-cols-[15rem_minmax(0,1fr)]">
          <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
            <DiffFileTree nodes={tree} idPrefix={idPrefix} />
          </div>
          <div className="min-w-0 space-y-3">
            {diff.files.map((file, index) =>
              isFileLoaded(file) ? (
                <DiffFileView
                  key={file.path}
                  file={file}
                  anchorId={fileAnchorId(idPrefix, index)}
                  viewMode={viewMode}
                  comments={commentsByPath.get(file.path) ?? NO_COMMENTS}
                  onAddComment={onAddComment}
                />
              ) : null,
            )}
            {notLoaded > 0 ? (
              <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-3 py-3 text-sm text-zinc-700">
                <span>
                  {notLoaded} more {notLoaded === 1 ? "file" : "files"} not loaded yet.
                </span>
                {onLoadMore && diff.page.nextOffset !== null ? (
                  <Button variant="secondary" size="sm" onClick={onLoadMore} loading={loadingMore}>
                    Load more files
                  </Button>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}

function ViewModeToggle({ mode, onChange }: { mode: DiffViewMode; onChange: (mode: DiffViewMode) => void }) {
  const options: { value: DiffViewMode; label: string }[] = [
    { value: "unified", label: "Unified" },
    { value: "split", label: "Split" },
  ];
  return (
    <div role="group" aria-label="Diff layout" className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-xs">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={mode === option.value}
          onClick={() => onChange(option.value)}
          className={`cursor-pointer rounded px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
            mode === option.value ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100"
          }`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
