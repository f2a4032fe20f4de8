import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { explainMove, isHeldMove } from "@/lib/tickets/can-move-ticket";
import { getLatestIntegration } from "@/lib/tickets/get-latest-integration";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";

export interface HandMove {
  ticketId: string;
  key: string;
  from: TicketStatusName;
  to: TicketStatusName;
}

/**
 * A person's status change (a PATCH of the status; the board's move service judges its drags the same way) must not
 * put a spec ticket's accepted work into Review, or take it from Review to Done, while that work waits for a reviewer
 * or for the spec's integration (the rule and its words: explainMove in lib/tickets/can-move-ticket.ts). The pipeline
 * moves the card itself; a person approves or requests changes on the ticket page (409 otherwise). The ticket's
 * latest task holds the state; it is read only for the two moves the rule is about. Expects an allowed transition.
 */
export async function assertHandMoveAllowed(move: HandMove, client: Prisma.TransactionClient = db): Promise<void> {
  if (!isHeldMove(move.from, move.to)) return;
  const integration = await getLatestIntegration(move.ticketId, client);
  const refusal = explainMove({ ...move, integration, wipCount: 0, wipLimit: null });
  if (refusal) throw new AppError("conflict", refusal.message, refusal.details);
}
