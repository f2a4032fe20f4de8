import { boardViewQuerySchema } from "@/lib/tickets/ticket-schemas";
import { TICKET_STATUS_TITLES, type TicketStatusName } from "@/lib/tickets/ticket-status";

/** The columns' headings: the names the server's refusals use too. */
export const COLUMN_TITLES: Record<TicketStatusName, string> = TICKET_STATUS_TITLES;

/** What happens to a card that enters the column: one line under its title, so the board explains itself. */
export const COLUMN_DESCRIPTIONS: Record<TicketStatusName, string> = {
  backlog: "Waits to be run, and for the tickets it depends on to be done",
  analyzing: "Claimed for an agent; its sandbox is starting",
  building: "The agent works on the ticket's branch and commits",
  testing: "The project's tests run on the agent's work",
  review: "Accepted work waits for a reviewer (manual review), then is merged into the spec branch and tested",
  done: "Delivered: merged into the spec branch and tested, or pushed to its branch for a ticket outside a spec",
};

/** The `?scope=` search param as the API takes it; anything it would refuse reads as "all". */
export function parseBoardScope(value: string | null | undefined): string {
  const parsed = boardViewQuerySchema.shape.scope.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : "all";
}

export const specIdOfScope = (scope: string) => (scope.startsWith("spec:") ? scope.slice("spec:".length) : null);
