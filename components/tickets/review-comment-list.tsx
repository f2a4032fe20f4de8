import type { ReviewCommentDto } from "@/lib/tickets/review-schemas";
import { CommentMeta } from "@/components/diff/line-comments";

/** Every line comment of the ticket in one list, with where it is and whether a later delivery addressed it. */
export function ReviewCommentList({ comments }: { comments: readonly ReviewCommentDto[] }) {
  if (comments.length === 0) return <p className="text-sm text-zinc-600">No line comments yet.</p>;
  const open = comments.filter((comment) => comment.status === "open").length;
  return (
    <section aria-labelledby="review-comments" className="space-y-2">
      <h3 id="review-comments" className="text-sm font-semibold text-zinc-900">
        Comments <span className="font-normal text-zinc-600">({comments.length}, {open} open)</span>
      </h3>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
        {comments.map((comment) => (
          <li key={comment.id} className="space-y-1 px-3 py-2 text-sm">
            <p className="break-all font-mono text-xs text-zinc-700">
              {comment.path}:{comment.line}
              {comment.side === "old" ? " (removed line)" : ""}
            </p>
            <CommentMeta comment={comment} />
            <p className="whitespace-pre-wrap break-words text-zinc-900">{comment.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
