import { db } from "@/lib/db/client";
import { reviewCommentInclude, toReviewCommentDto } from "@/lib/integration/review-comment-dto";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";

/** Every review comment on a ticket, oldest first, with whether a later delivery addressed it. */
export async function listReviewComments({ userId, ticketId }: { userId: string; ticketId: string }) {
  await getTicketForMemberOrThrow({ userId, ticketId });
  const comments = await db.reviewComment.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1000, include: reviewCommentInclude });
  return { comments: comments.map(toReviewCommentDto) };
}
