import { createTicket } from "@/lib/tickets/create-ticket";
import type { QuickTaskInput, TicketDto } from "@/lib/tickets/ticket-schemas";

const MAX_TITLE = 120;

/** A prompt's first line is the ticket's title; the whole prompt is its description, so nothing typed is lost. */
export async function createQuickTask({ userId, input }: { userId: string; input: QuickTaskInput }): Promise<TicketDto> {
  const firstLine = input.prompt.split("\n").find((line) => line.trim())!.trim().replace(/^#+\s*/, "");
  const title = firstLine.length > MAX_TITLE ? `${firstLine.slice(0, MAX_TITLE - 1)}…` : firstLine;
  const result = await createTicket({
    userId,
    input: { projectId: input.projectId, title, description: input.prompt, priority: "MEDIUM", workflowMode: "quick" },
  });
  if (result.mode !== "quick") throw new Error("a quick task must create a ticket");
  return result.ticket;
}
