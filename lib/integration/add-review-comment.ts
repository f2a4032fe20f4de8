import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { isLineInDiff } from "@/lib/repos/is-line-in-diff";
import { mirrorPath } from "@/lib/repos/mirror-path";
import { readDiff } from "@/lib/repos/read-diff";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import type { ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { toReviewCommentDto, reviewCommentInclude } from "@/lib/integration/review-comment-dto";

/**
 * A reviewer's comment on one line of the ticket's delivered work. The line must be in the diff people are shown
 * (`baseSha...deliveredSha`, a changed line or its context, on the side named): a comment on a line the work did not
 * touch could not be shown beside the code, nor checked later — 422 with the field named.
 */
export async function addReviewComment({ userId, ticketId, input }: { userId: string; ticketId: string; input: ReviewCommentInput }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  const comment = await db.$transaction((tx) => createCheckedComment(tx, { ticket, authorId: userId, input }));
  return toReviewCommentDto(comment);
}

/** Checks the line against the ticket's current diff and stores the comment (also used by "Request changes"). */
export async function createCheckedComment(
  tx: Prisma.TransactionClient,
  { ticket, authorId, input, sentAt }: { ticket: { id: string; projectId: string }; authorId: string; input: ReviewCommentInput; sentAt?: Date },
) {
  const task = await tx.task.findFirst({
    where: { ticketId: ticket.id, deliveredSha: { not: null }, baseSha: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { baseSha: true, deliveredSha: true },
  });
  if (!task) throw new AppError("conflict", "This ticket has no delivered work to comment on yet");
  const notChanged = new AppError("validation_failed", "The file is not in the ticket's changes", { fields: { path: [`${input.path} is not changed by this work`] } });
  const diff = await readDiff({
    gitDir: mirrorPath(ticket.projectId),
    base: task.baseSha,
    head: task.deliveredSha,
    baseLabel: "base",
    headLabel: "head",
    query: { offset: 0, limit: 1, path: input.path },
  }).catch((error: unknown) => {
    // readDiff answers 404 for a path outside the diff: for a comment, that is a field of the body that is wrong.
    throw error instanceof AppError && error.code === "not_found" ? notChanged : error;
  });
  const file = diff.files.find((f) => f.path === input.path);
  if (!file) throw notChanged;
  if (!file.patch || !isLineInDiff(file.patch, input.line, input.side)) {
    throw new AppError("validation_failed", "The line is not in the ticket's changes", {
      fields: { line: [`line ${input.line} (${input.side} side) of ${input.path} is not in the diff${file.patch ? "" : ` (${file.omitted ?? "not shown"})`}`] },
    });
  }
  return tx.reviewComment.create({
    data: { ticketId: ticket.id, authorId, path: input.path, line: input.line, side: input.side, body: input.body, commitSha: task.deliveredSha!, sentAt: sentAt ?? null },
    include: reviewCommentInclude,
  });
}
