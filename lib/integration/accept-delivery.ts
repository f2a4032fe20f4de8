import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { runGit } from "@/lib/repos/run-git";
import { advanceTicket } from "@/lib/tickets/advance-ticket";

export interface AcceptDeliveryOptions {
  taskId: string;
  sandboxId: string;
  gitDir: string;
  branch: string;
  /** The delivered commit (the ticket branch as the server exported it). */
  sha: string;
  specId: string;
  specHead: string;
  reviewMode: "auto" | "manual";
  /** The task's result to store (the agent's words beside the server's delivery). */
  result: object;
}

/**
 * A spec ticket's delivered work is not done yet: it must land in the spec branch. The task is completed (its agent's
 * part) with the delivered commit and where that work starts (its merge base with the spec branch), and its work
 * waits — in the Review column for a reviewer (manual review: `review.requested`), or for the spec's integration job
 * (auto). Review comments sent with an earlier "Request changes" are marked addressed when this delivery changed
 * their file. Returns false when the task was no longer running with this sandbox (a late or repeated finish).
 */
export async function acceptDelivery(options: AcceptDeliveryOptions): Promise<boolean> {
  const { taskId, sandboxId, gitDir, sha, specId } = options;
  const previous = await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { deliveredSha: true, ticketId: true, ticket: { select: { key: true } } } });
  const baseSha = await runGit(["merge-base", sha, options.specHead], { gitDir }).catch(() => options.specHead);
  const addressed = previous.deliveredSha ? await addressedComments(gitDir, previous.ticketId, previous.deliveredSha, sha) : [];

  const manual = options.reviewMode === "manual";
  const accepted = await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "running", sandboxId },
      data: {
        status: "completed",
        completedAt: new Date(),
        branch: options.branch,
        result: options.result,
        sandboxId: null,
        error: null,
        deliveredSha: sha,
        baseSha,
        integratedSha: null,
        integration: manual ? "review" : "queued",
      },
    });
    if (count === 0) return false;
    await advanceTicket(previous.ticketId, manual ? "review" : "testing", tx);
    await tx.ticket.update({ where: { id: previous.ticketId }, data: { isBlocked: false, blockedReason: null } });
    for (const comment of addressed) {
      await tx.reviewComment.update({ where: { id: comment.id }, data: { status: "addressed", addressedSha: comment.sha } });
    }
    if (!manual) await enqueueIntegration(specId, tx);
    return true;
  });
  if (accepted && manual) await appendWorkerEvent({ sandboxId, specId, taskId }, "review.requested", { ticketKey: previous.ticket.key, sha });
  return accepted;
}

/** The spec's integration job: one pending per spec (its key), and one merge at a time per spec (integrateNextTask). */
export async function enqueueIntegration(specId: string, tx: Parameters<typeof enqueueJob>[3] = db) {
  await enqueueJob("integrate_spec", { specId }, { jobKey: `integrate-spec:${specId}`, maxAttempts: 5 }, tx);
}

/**
 * Comments sent to the agent that this delivery answered: their file changed between the delivery they were written
 * on and this one. The commit named is the last one that changed the file — the server's finding, not the agent's.
 */
async function addressedComments(gitDir: string, ticketId: string, from: string, to: string): Promise<{ id: string; sha: string }[]> {
  const open = await db.reviewComment.findMany({ where: { ticketId, status: "open", sentAt: { not: null } }, select: { id: true, path: true } });
  const found: { id: string; sha: string }[] = [];
  for (const comment of open) {
    const sha = await runGit(["log", "-1", "--format=%H", `${from}..${to}`, "--", comment.path], { gitDir }).catch(() => "");
    if (sha) found.push({ id: comment.id, sha });
  }
  return found;
}
