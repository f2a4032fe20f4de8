import { AppError } from "@/lib/http/errors";

import { TICKET_STATUSES, type TicketStatusName } from "@/lib/projects/project-schemas";

// The columns are declared once, beside the project's WIP limits that name them (browser-safe).
export { TICKET_STATUSES, type TicketStatusName };

/** The columns' names as people read them: the board's headings and the refusals' sentences. */
export const TICKET_STATUS_TITLES: Record<TicketStatusName, string> = {
  backlog: "Backlog",
  analyzing: "Analyzing",
  building: "Building",
  testing: "Testing",
  review: "Review",
  done: "Done",
};

/**
 * The ticket status machine, enforced for people and agents alike: work moves forward one column at a time, and
 * may go back (tests failed, work put back, changes requested); a done ticket can only be reopened to the backlog.
 * Review holds a spec ticket's accepted work until a reviewer approves it (manual review); with auto review the work
 * passes through it on its way to done. "Blocked" is an overlay (isBlocked + reason) on any column, not a column.
 */
const ALLOWED: Record<TicketStatusName, readonly TicketStatusName[]> = {
  backlog: ["analyzing"],
  analyzing: ["building", "backlog"],
  building: ["testing", "analyzing", "backlog"],
  testing: ["review", "building", "backlog"],
  review: ["done", "building", "backlog"],
  done: ["backlog"],
};

export const canMove = (from: TicketStatusName, to: TicketStatusName) => from === to || ALLOWED[from].includes(to);

/** The columns a card may go to from `from` (its own aside). */
export const allowedMoves = (from: TicketStatusName): readonly TicketStatusName[] => ALLOWED[from];

const titles = (statuses: readonly TicketStatusName[]) => {
  const names = statuses.map((status) => TICKET_STATUS_TITLES[status]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
};

/**
 * Why the machine refuses a move, in one sentence a person can act on (no final period); null when it allows it.
 * The board shows it on the columns a dragged card cannot enter, and the API answers with it (lib/tickets/can-move-ticket.ts).
 */
export function explainTransition(from: TicketStatusName, to: TicketStatusName): string | null {
  if (canMove(from, to)) return null;
  if (from === "done") return "A done ticket only reopens to Backlog";
  const index = TICKET_STATUSES.indexOf(from);
  if (TICKET_STATUSES.indexOf(to) > index) {
    return `From ${TICKET_STATUS_TITLES[from]}, a card moves forward only to ${TICKET_STATUS_TITLES[TICKET_STATUSES[index + 1]!]}, one column at a time`;
  }
  const back = ALLOWED[from].filter((status) => TICKET_STATUSES.indexOf(status) < index);
  return `From ${TICKET_STATUS_TITLES[from]}, a card goes back only to ${titles(back)}`;
}

/** The 409 message of a refused transition: what was refused, then why. */
export const transitionMessage = (from: TicketStatusName, to: TicketStatusName, reason: string) =>
  `A ticket cannot move from ${TICKET_STATUS_TITLES[from]} to ${TICKET_STATUS_TITLES[to]}. ${reason}.`;

export function assertTransition(from: TicketStatusName, to: TicketStatusName) {
  const reason = explainTransition(from, to);
  if (reason) throw new AppError("conflict", transitionMessage(from, to, reason), { from, to, allowed: ALLOWED[from] });
}
