import { db, type Prisma } from "@/lib/db/client";
import type { IntegrationStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";

/** Where the accepted work is while the review and integration pipeline, not a person's drag, decides its way on. */
const HELD: Partial<Record<IntegrationStatus, string>> = {
  review: "waiting for a reviewer",
  queued: "queued to be merged into the spec branch",
  integrating: "being merged into the spec branch and tested",
};

export interface HandMove {
  ticketId: string;
  key: string;
  from: TicketStatusName;
  to: TicketStatusName;
}

/**
 * A person's move (a board drag, a PATCH of the status) must not put a spec ticket's accepted work into Review, or
 * take it from Review to Done, while that work waits for a reviewer or for the spec's integration: the first would
 * fake a review the pipeline did not ask for, the second would show as merged work that is not in the spec branch.
 * The pipeline moves the card itself; a person approves or requests changes on the ticket page (409 otherwise).
 * The ticket's latest task holds the state; it is read only for the two moves the rule is about.
 */
export async function assertHandMoveAllowed(move: HandMove, client: Prisma.TransactionClient = db): Promise<void> {
  const isIntoReview = move.to === "review" && move.from !== "review";
  const isReviewToDone = move.from === "review" && move.to === "done";
  if (!isIntoReview && !isReviewToDone) return;
  const latest = await client.task.findFirst({ where: { ticketId: move.ticketId }, orderBy: { createdAt: "desc" }, select: { integration: true } });
  const held = latest?.integration ? HELD[latest.integration] : undefined;
  if (!held) return;
  throw new AppError(
    "conflict",
    `${move.key}'s work is ${held}; approve it or request changes on the ticket page, and its card moves by itself`,
    { from: move.from, to: move.to, integration: latest!.integration },
  );
}
