import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";

/** Stops a ticket's queued or running task: the agent is stopped, the task cancelled, the ticket back to the backlog. */
export async function cancelTicket({ userId, ticketId }: { userId: string; ticketId: string }) {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  const task = await db.task.findFirst({ where: { ticketId, status: { in: ["queued", "running"] } } });
  if (!task) throw new AppError("conflict", "Nothing is queued or running for this ticket");
  // Cancelled first, so the sandbox's end does not put the task back in the queue.
  await db.task.update({ where: { id: task.id }, data: { status: "cancelled", completedAt: new Date(), sandboxId: null } });
  if (task.sandboxId) await markSandboxLost({ sandboxId: task.sandboxId, status: "stopped", countsAsCrash: false, reason: "the ticket was cancelled" });
  if (ticket.status !== "done") {
    await db.ticket.update({ where: { id: ticketId }, data: { status: "backlog", position: await endOfColumn(ticket.projectId, "backlog") } });
  }
  return { taskId: task.id, status: "cancelled" as const };
}
