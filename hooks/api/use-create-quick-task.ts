"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { boardKeys } from "@/hooks/api/use-board";
import { ticketKeys } from "@/hooks/api/use-tickets";
import { apiFetch } from "@/lib/http/api-client";
import type { CreateTicketResult } from "@/lib/tickets/create-ticket";
import { quickTaskTicketInput, type QuickTaskInput, type TicketDto } from "@/lib/tickets/ticket-schemas";

/**
 * The command page's Quick mode: one prompt becomes one ticket an agent executes directly, through POST
 * /api/v1/tickets (quick) like the board's new-ticket dialog. Resolves to the ticket.
 */
export function useCreateQuickTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ticketKeys.creates(),
    mutationFn: async (input: QuickTaskInput): Promise<TicketDto> => {
      const result = await apiFetch<CreateTicketResult>("/api/v1/tickets", { method: "POST", body: quickTaskTicketInput(input) });
      if (result.mode !== "quick") throw new Error("POST /api/v1/tickets answered a quick ticket with a spec");
      return result.ticket;
    },
    onSuccess: (ticket) => {
      // Not awaited: the caller navigates to the ticket at once; an open board refetches behind it.
      void queryClient.invalidateQueries({ queryKey: boardKeys.views(ticket.projectId) });
    },
  });
}
