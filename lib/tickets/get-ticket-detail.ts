import { db } from "@/lib/db/client";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";
import { listTicketCriteria } from "@/lib/tickets/list-ticket-criteria";
import { parseTaskResult } from "@/lib/tickets/parse-task-result";
import { readTicketEvidence } from "@/lib/tickets/read-ticket-evidence";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";

/**
 * A ticket with its dependencies (both ways), every task run (status, attempt, branch, pull request, sandboxes), its
 * acceptance criteria with the agent's verdicts, and what the server verified apart from what the agent claims.
 */
export async function getTicketDetail({ userId, ticketId }: { userId: string; ticketId: string }) {
  await getTicketForMemberOrThrow({ userId, ticketId });
  const ticket = await db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: {
      ...ticketInclude,
      dependsOn: { include: { dependsOn: { select: { id: true, key: true, title: true, status: true } } } },
      dependents: { include: { ticket: { select: { id: true, key: true, title: true, status: true } } } },
      tasks: { orderBy: { createdAt: "asc" } },
      spec: { select: { id: true, number: true, branch: true, reviewMode: true, autoExecute: true } },
      specTask: { select: { specId: true, requirementRefs: true, acceptanceCriteria: true } },
      project: { select: { autoExecuteTickets: true } },
    },
  });
  const [sandboxes, criteria] = await Promise.all([
    db.sandbox.findMany({ where: { taskId: { in: ticket.tasks.map((t) => t.id) } }, orderBy: { createdAt: "asc" }, select: { id: true, taskId: true, purpose: true } }),
    listTicketCriteria(ticket.specTask),
  ]);
  const evidence = await readTicketEvidence({ tasks: ticket.tasks, criteria });
  const { spec } = ticket;
  return {
    ticket: toTicketDto({ ...ticket, tasks: ticket.tasks.filter((t) => t.status === "running").map((t) => ({ id: t.id })) }),
    dependsOn: ticket.dependsOn.map((d) => d.dependsOn),
    blocks: ticket.dependents.map((d) => d.ticket),
    /** The spec whose branch this ticket's work is merged into, and how that work is reviewed. */
    spec: spec ? { id: spec.id, number: spec.number, branch: spec.branch, reviewMode: spec.reviewMode } : null,
    /** Whether new work of this ticket is queued by itself: its spec's auto-execute, or the project's for a quick ticket. */
    autoRun: spec ? spec.autoExecute : ticket.project.autoExecuteTickets,
    /** The criteria once, each with the agent's verdict from its latest report (a claim). */
    criteria: evidence.criteria,
    /** What the server found itself: delivery, merge, its test run on the merge. */
    verified: evidence.verified,
    /** What the agent says: its summary, its own test run, verdicts on criteria the ticket does not list. */
    claims: evidence.claims,
    tasks: ticket.tasks.map((task) => {
      const result = parseTaskResult(task.result);
      return {
        id: task.id,
        kind: task.kind,
        status: task.status,
        attempt: task.attempt,
        maxAttempts: task.maxAttempts,
        /** A person pressed Run (it is queued whatever the auto-execute setting). */
        runRequested: task.runRequested,
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
        /** The agent's summary of this run (markdown, its words). */
        summary: result?.summary ?? null,
        /** The server's delivery of this run: the branch, commit and commits it counted. */
        delivered: result?.delivered ?? null,
        costUsd: Number(task.costUsd),
        startedAt: task.startedAt?.toISOString() ?? null,
        completedAt: task.completedAt?.toISOString() ?? null,
        /** Its sandboxes with what each was for: the agent's attempts ("task") and the tests on its merges ("integration"). */
        sandboxes: sandboxes.filter((s) => s.taskId === task.id).map((s) => ({ id: s.id, purpose: s.purpose })),
      };
    }),
  };
}
export type TicketDetail = Awaited<ReturnType<typeof getTicketDetail>>;
