import type { ReviewCommentDto } from "@/lib/tickets/review-schemas";
import { Badge } from "@/components/ui/badge";
import { shortSha } from "./diff-format";

/** "Open", or "Addressed in 1a2b3c4" once a later delivery changed the file the comment is on. */
export function commentStatusText(comment: Pick<ReviewCommentDto, "status" | "addressedSha">): string {
  if (comment.status === "open") return "Open";
  return comment.addressedSha ? `Addressed in ${shortSha(comment.addressedSha)}` : "Addressed";
}

export function CommentStatus({ comment }: { comment: ReviewCommentDto }) {
  return <Badge tone={comment.status === "open" ? "warning" : "success"}>{commentStatusText(comment)}</Badge>;
}

/** Who wrote it, when, and whether it went to the agent yet (drafts go with the next "Request changes"). */
export function CommentMeta({ comment }: { comment: ReviewCommentDto }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600">
      <span className="font-medium text-zinc-800">{comment.author?.name ?? "Someone"}</span>
      <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString()}</time>
      <CommentStatus comment={comment} />
      {comment.sentAt === null ? <span className="italic">Not sent yet</span> : null}
    </span>
  );
}

/** The comments written on one line, rendered under it in the diff. */
export function LineComments({ comments, label }: { comments: readonly ReviewCommentDto[]; label: string }) {
  if (comments.length === 0) return null;
  return (
    <ul aria-label={label} className="space-y-2">
      {comments.map((comment) => (
        <li key={comment.id} className="rounded-md border border-zinc-200 bg-white px-3 py-2 font-sans text-sm">
          <CommentMeta comment={comment} />
          <p className="mt-1 whitespace-pre-wrap break-words text-zinc-900">{comment.body}</p>
        </li>
      ))}
    </ul>
  );
}
