import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { AppError } from "@/lib/http/errors";
import { createCheckedComment } from "@/lib/integration/add-review-comment";
import { enqueueIntegration } from "@/lib/integration/accept-delivery";
import { sendBackTask } from "@/lib/integration/send-back-task";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import type { ReviewAction } from "@/lib/tickets/review-schemas";

/**
 * A reviewer's decision on a ticket's work waiting in Review. Approve: the work is queued to be merged into the spec
 * branch (and tested there); the card moves on to Done once it is. Request changes: the summary and every comment not
 * yet sent go to the ticket's agent as a new attempt on the same branch (a review round does not use up an attempt);
 * each comment is later marked addressed by the delivery that changes its file. 409 when nothing waits for review.
 */
export async function reviewTicket({ userId, ticketId, action }: { userId: string; ticketId: string; action: ReviewAction }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  const task = await db.task.findFirst({ where: { ticketId, integration: "review", status: "completed" }, orderBy: { createdAt: "desc" } });
  if (!task?.deliveredSha || !ticket.specId || ticket.status !== "review") {
    throw new AppError("conflict", `${ticket.key} has no work waiting for review`, { status: ticket.status });
  }
  const scope = { sandboxId: null, specId: ticket.specId, taskId: task.id };

  if (action.action === "approve") {
    const approved = await db.$transaction(async (tx) => {
      const { count } = await tx.task.updateMany({ where: { id: task.id, integration: "review" }, data: { integration: "queued" } });
      if (count > 0) await enqueueIntegration(ticket.specId!, tx);
      return count > 0;
    });
    if (!approved) throw new AppError("conflict", `${ticket.key}'s review was already decided`);
    await appendWorkerEvent(scope, "review.approved", { ticketKey: ticket.key, sha: task.deliveredSha, reviewerId: userId });
    return { ticketId, decision: "approved" as const };
  }

  const sentAt = new Date();
  const comments = await db.$transaction(async (tx) => {
    for (const input of action.comments) await createCheckedComment(tx, { ticket, authorId: userId, input, sentAt });
    await tx.reviewComment.updateMany({ where: { ticketId, sentAt: null, status: "open" }, data: { sentAt } });
    return tx.reviewComment.findMany({ where: { ticketId, sentAt, status: "open" }, orderBy: [{ path: "asc" }, { line: "asc" }] });
  });
  const feedback = [
    `A reviewer requested changes: ${action.summary}`,
    ...(comments.length
      ? ["Line comments on your diff (fix each; the line numbers are of your delivered commit):", ...comments.map((c) => `- ${c.path}:${c.line}${c.side === "old" ? " (a removed line)" : ""} — ${c.body}`)]
      : []),
  ].join("\n");
  const outcome = await sendBackTask({ taskId: task.id, reason: feedback, free: true });
  if (outcome === "none") throw new AppError("conflict", `${ticket.key}'s review was already decided`);
  await appendWorkerEvent(scope, "review.changes_requested", { ticketKey: ticket.key, sha: task.deliveredSha, summary: action.summary, comments: comments.length, reviewerId: userId });
  return { ticketId, decision: "changes_requested" as const };
}
