import type { IntegrationStatus } from "@/lib/generated/prisma/enums";
import { allowedMoves, explainTransition, transitionMessage, type TicketStatusName } from "@/lib/tickets/ticket-status";

/** Where accepted work is while the review and integration pipeline, not a person's drag, decides its way on. */
const HELD: Partial<Record<IntegrationStatus, string>> = {
  review: "waiting for a reviewer",
  queued: "queued to be merged into the spec branch",
  integrating: "being merged into the spec branch and tested",
};

/** What a move is judged on: the card, where it goes, its latest task's work and the target column's fill. */
export interface MoveFacts {
  /** The ticket's key (OMOI-3), for the messages. */
  key: string;
  from: TicketStatusName;
  to: TicketStatusName;
  /** The integration state of the ticket's latest task (null: no task, or its work is not in the pipeline). */
  integration: IntegrationStatus | null;
  /** Tickets in the target column now, whatever a board's filter shows. */
  wipCount: number;
  /** The target column's WIP limit; null: unlimited. */
  wipLimit: number | null;
  /** Move past the WIP limit anyway. */
  force?: boolean;
}

/** Why a move is refused, the same words for the board (before the drop) and the API (409 after it). */
export interface MoveRefusal {
  kind: "transition" | "held" | "wip_limit";
  /** Short, for the column a dragged card cannot enter: "WIP limit reached (3/3)". */
  reason: string;
  /** The API's error message. */
  message: string;
  /** Moving with `force` would be accepted (a WIP limit, nothing else). */
  isForceable: boolean;
  /** The API's error details. */
  details: Record<string, unknown>;
}

/**
 * Whether the move is one the hand-move rule is about (into Review, or from Review to Done), so the ticket's latest
 * integration state must be known to judge it; the server reads it only then.
 */
export const isHeldMove = (from: TicketStatusName, to: TicketStatusName) =>
  (to === "review" && from !== "review") || (from === "review" && to === "done");

/**
 * Whether a person may move a card, and why not: the status machine first, then work the review and integration
 * pipeline holds (a person's move must not put a spec ticket's accepted work into Review, or take it from Review to
 * Done, while it waits for a reviewer or for the spec's integration: the first would fake a review the pipeline did
 * not ask for, the second would show as merged work that is not in the spec branch), then the target column's WIP
 * limit (unless forced). Pure, so the board dims the columns a dragged card cannot enter with the very reasons the
 * server's move service (lib/tickets/move-ticket.ts) answers a drop with. A move within the column is always allowed.
 */
export function explainMove(facts: MoveFacts): MoveRefusal | null {
  const { key, from, to } = facts;
  if (from === to) return null;
  const transition = explainTransition(from, to);
  if (transition) {
    const message = transitionMessage(from, to, transition);
    return { kind: "transition", reason: transition, message, isForceable: false, details: { from, to, allowed: allowedMoves(from) } };
  }
  const held = isHeldMove(from, to) && facts.integration ? HELD[facts.integration] : undefined;
  if (held) {
    return {
      kind: "held",
      reason: `Its work is ${held}; approve it or request changes on the ticket page`,
      message: `${key}'s work is ${held}; approve it or request changes on the ticket page, and its card moves by itself`,
      isForceable: false,
      details: { from, to, integration: facts.integration },
    };
  }
  const { wipCount, wipLimit } = facts;
  if (!facts.force && wipLimit !== null && wipCount >= wipLimit) {
    return {
      kind: "wip_limit",
      reason: `WIP limit reached (${wipCount}/${wipLimit})`,
      message: `The ${to} column is at its WIP limit (${wipLimit}); move with force to exceed it`,
      isForceable: true,
      details: { wipLimit, count: wipCount },
    };
  }
  return null;
}
