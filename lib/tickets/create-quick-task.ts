import { createTicket } from "@/lib/tickets/create-ticket";
import { quickTaskTicketInput, type QuickTaskInput, type TicketDto } from "@/lib/tickets/ticket-schemas";

/**
 * A prompt's first line is the ticket's title; the whole prompt is its description, so nothing typed is lost. The
 * mapping is `quickTaskTicketInput`, shared with the command page, which sends its result to POST /api/v1/tickets.
 */
export async function createQuickTask({ userId, input }: { userId: string; input: QuickTaskInput }): Promise<TicketDto> {
  const result = await createTicket({ userId, input: quickTaskTicketInput(input) });
  if (result.mode !== "quick") throw new Error("a quick task must create a ticket");
  return result.ticket;
}
