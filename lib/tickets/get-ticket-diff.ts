import { db } from "@/lib/db/client";
import { eventPayloadSchema } from "@/lib/events/event-schemas";
import type { DiffQuery, TicketDiffDto } from "@/lib/repos/diff-schemas";
import { mirrorPath } from "@/lib/repos/mirror-path";
import { readDiff } from "@/lib/repos/read-diff";
import { ticketBranchName } from "@/lib/repos/ticket-branch-name";
import { getTicketForMemberOrThrow } from "@/lib/tickets/get-ticket-for-member-or-throw";

export interface GetTicketDiffOptions {
  userId: string;
  ticketId: string;
  query: DiffQuery;
}

/** The events that carry a test result about a ticket's work: its agent's run, and integration's on the merge. */
const TEST_EVENT_TYPES = ["task.tests_finished", "spec.integration_tests_passed", "spec.integration_tests_failed"];

/**
 * A ticket's delivered work as a diff: `baseSha...deliveredSha` of its latest delivered task, in the project's mirror
 * (what review and integration look at), with the last test run the server saw for the ticket. Before anything was
 * delivered, an empty diff.
 */
export async function getTicketDiff({ userId, ticketId, query }: GetTicketDiffOptions): Promise<TicketDiffDto> {
  const ticket = await getTicketForMemberOrThrow({ userId, ticketId });
  const [project, spec, tasks] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: ticket.projectId }, select: { id: true, name: true, defaultBranch: true } }),
    ticket.specId ? db.spec.findUnique({ where: { id: ticket.specId }, select: { branch: true } }) : null,
    db.task.findMany({ where: { ticketId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, branch: true, baseSha: true, deliveredSha: true } }),
  ]);
  const delivered = tasks.find((task) => task.deliveredSha && task.baseSha);
  const diff = await readDiff({
    // Not ensureMirror: a read never creates a mirror; a missing one is answered like a missing commit.
    gitDir: mirrorPath(project.id),
    base: delivered?.baseSha ?? null,
    head: delivered?.deliveredSha ?? null,
    // Spec tickets' work starts from the spec branch; quick tickets' from the default branch.
    baseLabel: spec?.branch ?? project.defaultBranch,
    headLabel: delivered?.branch ?? tasks.find((task) => task.branch)?.branch ?? ticketBranchName(project, ticket.key),
    query,
  });
  return { ...diff, lastTestRun: await readLastTestRun(tasks.map((task) => task.id)) };
}

async function readLastTestRun(taskIds: string[]): Promise<TicketDiffDto["lastTestRun"]> {
  if (taskIds.length === 0) return null;
  const events = await db.sandboxEvent.findMany({
    where: { taskId: { in: taskIds }, type: { in: TEST_EVENT_TYPES } },
    orderBy: { seq: "desc" },
    take: 5,
    select: { type: true, data: true, createdAt: true },
  });
  // The newest that reads as its type says (an event stored by an older version might not): the rest are skipped.
  for (const event of events) {
    const parsed = eventPayloadSchema.safeParse({ type: event.type, data: event.data });
    if (!parsed.success) continue;
    const at = event.createdAt.toISOString();
    const payload = parsed.data;
    if (payload.type === "task.tests_finished") {
      return { source: "agent", command: payload.data.command, passed: payload.data.passed, exitCode: payload.data.exitCode, output: null, at };
    }
    if (payload.type === "spec.integration_tests_passed") {
      return { source: "integration", command: payload.data.command, passed: true, exitCode: 0, output: payload.data.output, at };
    }
    if (payload.type === "spec.integration_tests_failed") {
      return { source: "integration", command: payload.data.command, passed: false, exitCode: payload.data.exitCode, output: payload.data.output, at };
    }
  }
  return null;
}
