import { boardViewQuerySchema } from "@/lib/tickets/ticket-schemas";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";

export const COLUMN_TITLES: Record<TicketStatusName, string> = {
  backlog: "Backlog",
  analyzing: "Analyzing",
  building: "Building",
  testing: "Testing",
  review: "Review",
  done: "Done",
};

/** The `?scope=` search param as the API takes it; anything it would refuse reads as "all". */
export function parseBoardScope(value: string | null | undefined): string {
  const parsed = boardViewQuerySchema.shape.scope.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : "all";
}

export const specIdOfScope = (scope: string) => (scope.startsWith("spec:") ? scope.slice("spec:".length) : null);
