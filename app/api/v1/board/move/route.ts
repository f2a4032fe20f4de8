import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { moveTicket } from "@/lib/tickets/move-ticket";
import { boardMoveSchema } from "@/lib/tickets/ticket-schemas";

// POST /api/v1/board/move {ticketId, toStatus, beforeTicketId?, force?} – a drag on the board (409: not allowed or WIP limit).
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, boardMoveSchema);
  return json({ ticket: await moveTicket({ userId: caller.user.id, input }) });
});
