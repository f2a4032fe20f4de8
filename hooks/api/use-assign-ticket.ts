"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import type { TicketDto } from "@/lib/tickets/ticket-schemas";
import { boardKeys } from "@/hooks/api/use-board";
import { ticketKeys } from "@/hooks/api/use-tickets";

/**
 * Assigns a ticket to a member of its project's organization, or unassigns it (`null`), through
 * PATCH /api/v1/tickets/{ticketId} — the server refuses anyone else (422 on `assigneeId`). The ticket's page takes the
 * answer at once; the project's board views are fetched again (the Mine and Unassigned filters change with it).
 */
export function useAssignTicket({ ticketId, projectId }: { ticketId: string; projectId: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (assigneeId: string | null) =>
      (await apiFetch<{ ticket: TicketDto }>(`/api/v1/tickets/${encodeURIComponent(ticketId)}`, { method: "PATCH", body: { assigneeId } })).ticket,
    onSuccess: (ticket) => {
      queryClient.setQueryData<TicketDetail>(ticketKeys.detail(ticketId), (detail) => (detail ? { ...detail, ticket: { ...detail.ticket, assigneeId: ticket.assigneeId } } : detail));
      return queryClient.invalidateQueries({ queryKey: boardKeys.views(projectId) });
    },
  });
}
