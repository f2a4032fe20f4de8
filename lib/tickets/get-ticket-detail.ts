import { db } from "@/lib/db/client";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";

/** A ticket with its dependencies (both ways) and every task run: status, attempt, branch, pull request, sandbox. */
export async function getTicketDetail({ userId, ticketId }: { userId: string; ticketId: string }) {
  await getTicketForMemberOrThrow({ userId, ticketId });
  const ticket = await db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: {
      ...ticketInclude,
      dependsOn: { include: { dependsOn: { select: { id: true, key: true, title: true, status: true } } } },
      dependents: { include: { ticket: { select: { id: true, key: true, title: true, status: true } } } },
      tasks: { orderBy: { createdAt: "asc" } },
      spec: { select: { id: true, number: true, branch: true, reviewMode: true } },
    },
  });
  const sandboxes = await db.sandbox.findMany({ where: { taskId: { in: ticket.tasks.map((t) => t.id) } }, orderBy: { createdAt: "asc" }, select: { id: true, taskId: true, status: true, purpose: true, createdAt: true } });
  return {
    ticket: toTicketDto({ ...ticket, tasks: ticket.tasks.filter((t) => t.status === "running").map((t) => ({ id: t.id })) }),
    dependsOn: ticket.dependsOn.map((d) => d.dependsOn),
    blocks: ticket.dependents.map((d) => d.ticket),
    /** The spec whose branch this ticket's work is merged into, and how that work is reviewed. */
    spec: ticket.spec,
    tasks: ticket.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      status: task.status,
      attempt: task.attempt,
      maxAttempts: task.maxAttempts,
      branch: task.branch,
      prUrl: task.prUrl,
      error: task.error,
      /** On its way into the spec branch: review (waiting for a reviewer), queued, integrating, integrated. */
      integration: task.integration,
      baseSha: task.baseSha,
      deliveredSha: task.deliveredSha,
      integratedSha: task.integratedSha,
      /** What the next attempt was asked to address (conflicts, failing integrated tests, review comments). */
      feedback: task.feedback,
      result: task.result,
      costUsd: Number(task.costUsd),
      startedAt: task.startedAt?.toISOString() ?? null,
      completedAt: task.completedAt?.toISOString() ?? null,
      sandboxIds: sandboxes.filter((s) => s.taskId === task.id).map((s) => s.id),
      /** The same sandboxes with what each was for: the agent's attempts ("task") and the tests on its merges ("integration"). */
      sandboxes: sandboxes.filter((s) => s.taskId === task.id).map((s) => ({ id: s.id, purpose: s.purpose })),
    })),
  };
}
export type TicketDetail = Awaited<ReturnType<typeof getTicketDetail>>;
