import { db } from "@/lib/db/client";
import type { IntegrationStatus } from "@/lib/generated/prisma/enums";
import { eventPayloadSchema } from "@/lib/events/event-schemas";
import { matchVerdicts } from "@/lib/tickets/match-verdicts";
import { parseTaskResult } from "@/lib/tickets/parse-task-result";
import type { TicketClaims, TicketCriterion, TicketVerified } from "@/lib/tickets/ticket-evidence-schemas";

interface TaskRow {
  id: string;
  branch: string | null;
  prUrl: string | null;
  integration: IntegrationStatus | null;
  deliveredSha: string | null;
  integratedSha: string | null;
  result: unknown;
  completedAt: Date | null;
}

export interface TicketEvidence {
  verified: TicketVerified | null;
  claims: TicketClaims | null;
  criteria: TicketCriterion[];
}

const INTEGRATION_TESTS = ["spec.integration_tests_passed", "spec.integration_tests_failed"];

/**
 * Splits what is known about a ticket's work by who vouches for it. Verified, from the server's own records of its
 * latest delivered run: the branch and commit it exported and the commits it counted, the merge into the spec branch
 * (only once `integration` is "integrated": integratedSha names the candidate while its tests run), and the tests it
 * ran on that merge for this delivery. Claimed, from the agent's latest report: its summary, its own test run in its
 * sandbox, and its verdicts, paired with the ticket's criteria. `tasks` are oldest first.
 */
export async function readTicketEvidence({ tasks, criteria }: { tasks: readonly TaskRow[]; criteria: readonly Omit<TicketCriterion, "claim">[] }): Promise<TicketEvidence> {
  const parsed = tasks.map((task) => parseTaskResult(task.result));
  const deliveredAt = tasks.findLastIndex((task, i) => task.deliveredSha !== null || parsed[i]?.delivered);
  const reportAt = parsed.findLastIndex((result) => result !== null && (result.summary !== null || result.verdicts.length > 0));

  const verdicts = reportAt >= 0 ? parsed[reportAt]!.verdicts : [];
  const matched = matchVerdicts(criteria, verdicts);
  const [integrationTests, agentTests] = await Promise.all([
    deliveredAt >= 0 ? readIntegrationTests(tasks[deliveredAt]!) : null,
    reportAt >= 0 ? readAgentTests(tasks[reportAt]!) : null,
  ]);

  let verified: TicketVerified | null = null;
  if (deliveredAt >= 0) {
    const task = tasks[deliveredAt]!;
    const delivered = parsed[deliveredAt]?.delivered;
    verified = {
      run: deliveredAt + 1,
      branch: delivered?.branch ?? task.branch ?? "",
      deliveredSha: task.deliveredSha ?? delivered!.sha,
      commits: delivered?.commits ?? null,
      pullRequestUrl: task.prUrl,
      integratedSha: task.integration === "integrated" ? task.integratedSha : null,
      integrationTests,
    };
  }
  const claims: TicketClaims | null =
    reportAt >= 0 ? { run: reportAt + 1, summary: parsed[reportAt]!.summary, tests: agentTests, otherVerdicts: matched.otherVerdicts } : null;
  return { verified, claims, criteria: matched.criteria };
}

/**
 * The server's test run on this delivery merged into the spec branch. Integrated: the passing run on the commit it
 * merged. Waiting for review or integration, or under test: none yet (an earlier run was on earlier work). Sent back
 * or failed: the run that said why — the delivery it tested is still the latest.
 */
async function readIntegrationTests(task: TaskRow): Promise<TicketVerified["integrationTests"]> {
  if (task.integration === "review" || task.integration === "queued" || task.integration === "integrating") return null;
  const integrated = task.integration === "integrated";
  const events = await db.sandboxEvent.findMany({
    where: { taskId: task.id, type: { in: integrated ? [INTEGRATION_TESTS[0]!] : INTEGRATION_TESTS } },
    orderBy: { seq: "desc" },
    take: 5,
    select: { type: true, data: true, createdAt: true },
  });
  for (const event of events) {
    const payload = eventPayloadSchema.safeParse({ type: event.type, data: event.data });
    if (!payload.success) continue;
    const at = event.createdAt.toISOString();
    if (payload.data.type === "spec.integration_tests_passed") {
      const { command, candidate } = payload.data.data;
      if (integrated && candidate !== task.integratedSha) continue;
      return { passed: true, command, exitCode: 0, candidate, at };
    }
    if (payload.data.type === "spec.integration_tests_failed") {
      const { command, exitCode, candidate } = payload.data.data;
      return { passed: false, command, exitCode, candidate, at };
    }
  }
  return null;
}

/** The agent's newest run of the project's tests in its own sandbox before the report (a later attempt's is not about it). */
async function readAgentTests(task: TaskRow): Promise<TicketClaims["tests"]> {
  const events = await db.sandboxEvent.findMany({
    where: { taskId: task.id, type: "task.tests_finished", ...(task.completedAt ? { createdAt: { lte: task.completedAt } } : {}) },
    orderBy: { seq: "desc" },
    take: 3,
    select: { type: true, data: true, createdAt: true },
  });
  for (const event of events) {
    const payload = eventPayloadSchema.safeParse({ type: event.type, data: event.data });
    if (payload.success && payload.data.type === "task.tests_finished") {
      const { passed, command, exitCode } = payload.data.data;
      return { passed, command, exitCode, at: event.createdAt.toISOString() };
    }
  }
  return null;
}
