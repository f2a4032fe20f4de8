import { AppError } from "@/lib/http/errors";

import { TICKET_STATUSES, type TicketStatusName } from "@/lib/projects/project-schemas";

// The columns are declared once, beside the project's WIP limits that name them (browser-safe).
export { TICKET_STATUSES, type TicketStatusName };

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

export function assertTransition(from: TicketStatusName, to: TicketStatusName) {
  if (!canMove(from, to)) {
    throw new AppError("conflict", `A ticket cannot move from ${from} to ${to}`, { from, to, allowed: ALLOWED[from] });
  }
}
