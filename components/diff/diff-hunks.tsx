"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { Decoration, Diff, Hunk, type FileData, type GutterOptions, type HunkData } from "react-diff-view";
import type { ReviewCommentDto, ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { changeKeyOf, commentTarget, lineName, placeComments, type CommentTarget } from "./comment-anchors";
import { tokenizeHunks } from "./highlight";
import { LineCommentForm } from "./line-comment-form";
import { LineComments } from "./line-comments";
import type { DiffViewMode } from "./use-diff-view-mode";

const targetId = (target: CommentTarget) => `${target.side}:${target.line}`;

/**
 * One file's hunks as react-diff-view's table: syntax tokens, a "+" in the gutter of every commentable line when
 * comments can be added, the comment form and the line's comments as widgets under their row.
 */
export function DiffHunks({
  path,
  file,
  viewMode,
  comments,
  onAddComment,
}: {
  path: string;
  file: FileData;
  viewMode: DiffViewMode;
  comments: readonly ReviewCommentDto[];
  onAddComment?: (input: ReviewCommentInput) => Promise<unknown>;
}) {
  const { hunks } = file;
  const container = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<CommentTarget | null>(null);
  const tokens = useMemo(() => tokenizeHunks(hunks, path), [hunks, path]);
  const { byChange, unplaced } = useMemo(() => placeComments(hunks, comments), [hunks, comments]);

  const closeDraft = useCallback(() => {
    const closed = draft;
    setDraft(null);
    // Back to the "+" that opened the form, so keyboard users continue where they were.
    if (closed) container.current?.querySelector<HTMLButtonElement>(`[data-comment-target="${targetId(closed)}"]`)?.focus();
  }, [draft]);

  const widgets = useMemo(() => {
    const draftKey = draft ? changeKeyOf(hunks, draft) : null;
    const keys = new Set([...byChange.keys(), ...(draftKey ? [draftKey] : [])]);
    const result: Record<string, ReactNode> = {};
    for (const key of keys) {
      const lineComments = byChange.get(key) ?? [];
      const target = lineComments[0] ?? draft;
      result[key] = (
        <div className="space-y-2 border-y border-zinc-200 bg-zinc-50 p-2">
          <LineComments comments={lineComments} label={target ? `Comments on ${lineName(path, target)}` : "Comments"} />
          {draft && key === draftKey && onAddComment ? <LineCommentForm path={path} target={draft} onSubmit={onAddComment} onClose={closeDraft} /> : null}
        </div>
      );
    }
    return result;
  }, [byChange, draft, hunks, path, onAddComment, closeDraft]);

  const renderGutter = useCallback(
    ({ change, side, renderDefault }: GutterOptions) => {
      const target = onAddComment ? commentTarget(change, side) : null;
      if (!target) return renderDefault();
      return (
        <span className="inline-flex items-center justify-end gap-1">
          <button
            type="button"
            data-comment-target={targetId(target)}
            aria-label={`Comment on ${lineName(path, target)}`}
            onClick={() => setDraft(target)}
            className="omoi-diff-comment-button inline-flex size-4 cursor-pointer items-center justify-center rounded bg-indigo-600 text-xs leading-none text-white focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
          >
            <span aria-hidden>+</span>
          </button>
          {renderDefault()}
        </span>
      );
    },
    [onAddComment, path],
  );

  return (
    <div ref={container}>
      <Diff
        viewType={viewMode}
        diffType={file.type}
        hunks={hunks}
        tokens={tokens}
        widgets={widgets}
        renderGutter={renderGutter}
        optimizeSelection={viewMode === "split"}
        className={`omoi-diff ${onAddComment ? "omoi-diff-commentable" : ""}`}
      >
        {(shown: HunkData[]) =>
          shown.flatMap((hunk) => [
            <Decoration key={`decoration-${hunk.content}`} className="omoi-diff-hunk-header">
              {hunk.content}
            </Decoration>,
            <Hunk key={`hunk-${hunk.content}`} hunk={hunk} />,
          ])
        }
      </Diff>
      {unplaced.length > 0 ? (
        <div className="border-t border-zinc-200 bg-zinc-50 p-2">
          <p className="mb-2 text-xs text-zinc-600">On lines this diff no longer shows:</p>
          {unplaced.map((comment) => (
            <div key={comment.id} className="mb-2">
              <p className="mb-1 font-mono text-xs text-zinc-700">{lineName(path, comment)}</p>
              <LineComments comments={[comment]} label={`Comments on ${lineName(path, comment)}`} />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
