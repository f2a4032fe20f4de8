import type { ReviewCommentDto } from "@/lib/tickets/review-schemas";

export const reviewCommentInclude = { author: { select: { id: true, name: true } } } as const;

export function toReviewCommentDto(comment: {
  id: string;
  path: string;
  line: number;
  side: "old" | "new";
  body: string;
  status: "open" | "addressed";
  commitSha: string;
  addressedSha: string | null;
  sentAt: Date | null;
  createdAt: Date;
  author: { id: string; name: string | null } | null;
}): ReviewCommentDto {
  return {
    id: comment.id,
    path: comment.path,
    line: comment.line,
    side: comment.side,
    body: comment.body,
    status: comment.status,
    commitSha: comment.commitSha,
    addressedSha: comment.addressedSha,
    sentAt: comment.sentAt?.toISOString() ?? null,
    author: comment.author,
    createdAt: comment.createdAt.toISOString(),
  };
}
