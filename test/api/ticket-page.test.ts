import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as executeTasksRoute from "@/app/api/v1/specs/[specId]/execute-tasks/route";
import * as ticketsRoute from "@/app/api/v1/tickets/route";
import * as ticketRoute from "@/app/api/v1/tickets/[ticketId]/route";
import * as reopenRoute from "@/app/api/v1/tickets/[ticketId]/reopen/route";
import * as runRoute from "@/app/api/v1/tickets/[ticketId]/run/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/orgs/add-member";
import { materializeRequirements, materializeTasks } from "@/lib/specs/materialize-phase";
import { ticketClaimsSchema, ticketCriterionSchema, ticketVerifiedSchema } from "@/lib/tickets/ticket-evidence-schemas";
import { callRoute } from "@/test/call-route";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";
import { createTestProject, createTestUser } from "@/test/factories";

const SHA = { delivered: "a".repeat(40), candidate: "b".repeat(40), older: "c".repeat(40) };

/** A spec bridged to tickets (as after SYNC, nothing queued), and its first ticket: TSK-001, serving REQ-GREET-001. */
async function specTicket() {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { autoExecuteTickets: false });
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet in French", generationStatus: "completed", autoExecute: false, branch: "omoi/x/spec-1" },
  });
  await db.$transaction(async (tx) => {
    await materializeRequirements(tx, spec.id, SAMPLE_OUTPUTS.requirements as never);
    await materializeTasks(tx, spec.id, SAMPLE_OUTPUTS.tasks as never);
  });
  await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
  const ticket = await db.ticket.findFirstOrThrow({ where: { specId: spec.id, key: "OMOI-1" }, include: { tasks: true } });
  return { owner, project, spec, ticket, task: ticket.tasks[0]! };
}

const detailOf = async (ticketId: string, cookie: string) => {
  const response = await callRoute(ticketRoute.GET, { params: { ticketId }, cookie });
  expect(response.status).toBe(200);
  return response.body;
};

describe("the ticket page's detail: criteria once, what the server verified apart from what the agent says", () => {
  it("lists the spec task's criteria and its requirement's, each with the agent's verdict, and none in the description", async () => {
    const { owner, ticket } = await specTicket();
    expect(ticket.description).not.toContain("Acceptance criteria");
    expect(ticket.description).toContain("**REQ-GREET-001** —");

    const before = await detailOf(ticket.id, owner.cookie);
    expect(before.criteria.map((c: { text: string; requirement: string | null; claim: unknown }) => [c.text, c.requirement, c.claim])).toEqual([
      ["GREETINGS has en, fr and de", null, null],
      ['greet("Ada", "fr") returns "Bonjour, Ada !"', "REQ-GREET-001", null],
      ['greet("Ada", "en") returns "Hello, Ada!"', "REQ-GREET-001", null],
    ]);
    expect(before).toMatchObject({ verified: null, claims: null, autoRun: false });
  });

  it("pairs verdicts by criterion id or text, keeps the rest apart, and marks verified only what the server did", async () => {
    const { owner, ticket, task } = await specTicket();
    const criteria = await db.specAcceptanceCriterion.findMany({ where: { requirement: { localId: "REQ-GREET-001", specId: ticket.specId! } }, orderBy: { position: "asc" } });
    const completedAt = new Date(Date.now() - 60_000);
    await db.task.update({
      where: { id: task.id },
      data: {
        status: "completed",
        completedAt,
        branch: "omoi/x/OMOI-1",
        deliveredSha: SHA.delivered,
        integration: "integrating",
        integratedSha: SHA.candidate,
        result: {
          summary: "Added **GREETINGS**.",
          commits: 9, // the agent's own count: not what the page shows as verified
          verdicts: [
            { criterion: "  greetings has EN, fr and de ", met: true, evidence: "src/greet.js:1" },
            { criterionId: criteria[1]!.id, criterion: "English", met: false, evidence: "not yet" },
            { criterion: "Lint passes", met: true, evidence: "npm run lint" },
          ],
          delivered: { branch: "omoi/x/OMOI-1", sha: SHA.delivered, base: SHA.older, commits: 2 },
        },
      },
    });
    await db.sandboxEvent.createMany({
      data: [
        { taskId: task.id, type: "task.tests_finished", data: { command: "npm test", exitCode: 0, passed: true }, createdAt: new Date(completedAt.getTime() - 1_000) },
        // An earlier delivery's failed run on the merge; then the passing run on this candidate.
        { taskId: task.id, type: "spec.integration_tests_failed", source: "worker", data: { ticketKey: "OMOI-1", command: "npm test", candidate: SHA.older, exitCode: 1, output: "1 failed", sentBack: true } },
      ],
    });

    // Under test: no verdict of the server yet (integratedSha names the candidate, not a merge), and no stale run.
    const testing = await detailOf(ticket.id, owner.cookie);
    expect(testing.verified).toEqual({ run: 1, branch: "omoi/x/OMOI-1", deliveredSha: SHA.delivered, commits: 2, pullRequestUrl: null, integratedSha: null, integrationTests: null });
    expect(testing.claims).toEqual({
      run: 1,
      summary: "Added **GREETINGS**.",
      tests: { passed: true, command: "npm test", exitCode: 0, at: expect.any(String) },
      otherVerdicts: [{ criterion: "Lint passes", met: true, evidence: "npm run lint" }],
    });
    expect(testing.criteria.map((c: { claim: unknown }) => c.claim)).toEqual([{ met: true, evidence: "src/greet.js:1" }, null, { met: false, evidence: "not yet" }]);
    expect(testing.tasks[0]).toMatchObject({ summary: "Added **GREETINGS**.", delivered: { branch: "omoi/x/OMOI-1", sha: SHA.delivered, commits: 2 } });
    expect(testing.tasks[0].result).toBeUndefined();

    // Integrated: the merge and the passing run on the very commit it merged.
    await db.task.update({ where: { id: task.id }, data: { integration: "integrated" } });
    await db.sandboxEvent.create({
      data: { taskId: task.id, type: "spec.integration_tests_passed", source: "worker", data: { ticketKey: "OMOI-1", command: "npm test", candidate: SHA.candidate, output: "ok" } },
    });
    const integrated = await detailOf(ticket.id, owner.cookie);
    expect(integrated.verified).toMatchObject({ integratedSha: SHA.candidate, integrationTests: { passed: true, command: "npm test", exitCode: 0, candidate: SHA.candidate } });
    // The contract, exactly: no field the schemas do not name.
    expect(ticketVerifiedSchema.strict().parse(integrated.verified)).toEqual(integrated.verified);
    expect(ticketClaimsSchema.strict().parse(integrated.claims)).toEqual(integrated.claims);
    expect(z.array(ticketCriterionSchema.strict()).parse(integrated.criteria)).toEqual(integrated.criteria);
  });

  it("shows a quick ticket's verdicts as the agent's own checks, and says whether new work starts by itself", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { autoExecuteTickets: false });
    const created = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, title: "Fix the typo" } });
    const ticketId = created.body.ticket.id;
    await db.task.updateMany({
      where: { ticketId },
      data: { status: "completed", prUrl: "https://github.com/o/r/pull/1", result: { summary: "Fixed.", verdicts: [{ criterion: "No typo", met: true, evidence: "README.md" }], delivered: { branch: "omoi/x/OMOI-1", sha: SHA.delivered, base: null, commits: 1 } } },
    });
    const detail = await detailOf(ticketId, owner.cookie);
    expect(detail).toMatchObject({ autoRun: false, criteria: [], claims: { otherVerdicts: [{ criterion: "No typo", met: true }] } });
    expect(detail.verified).toMatchObject({ deliveredSha: SHA.delivered, commits: 1, pullRequestUrl: "https://github.com/o/r/pull/1", integratedSha: null, integrationTests: null });
  });
});

describe("POST /api/v1/tickets/{ticketId}/reopen", () => {
  it("reopens only a done ticket, to the backlog, keeps the finished run and queues a new one on request", async () => {
    const { owner, ticket, task } = await specTicket();
    const reopen = (body: object | undefined, cookie = owner.cookie) => callRoute(reopenRoute.POST, { method: "POST", params: { ticketId: ticket.id }, cookie, body });

    const notDone = await reopen({});
    expect(notDone.status).toBe(409);
    expect(notDone.body.error.message).toBe("OMOI-1 is not done: only a done ticket is reopened");

    await db.ticket.update({ where: { id: ticket.id }, data: { status: "done", isBlocked: true, blockedReason: "old" } });
    await db.task.update({ where: { id: task.id }, data: { status: "completed", integration: "integrated", integratedSha: SHA.candidate, deliveredSha: SHA.delivered } });
    const stranger = await createTestUser();
    expect((await reopen({}, stranger.cookie)).status).toBe(404);
    const misplaced = await reopen({ reason: "Use the new API" });
    expect(misplaced.status).toBe(422);
    expect(Object.keys(misplaced.body.error.details.fields)).toEqual(["reason"]);
    // A done ticket is not run: it is reopened first.
    expect((await callRoute(runRoute.POST, { method: "POST", params: { ticketId: ticket.id }, cookie: owner.cookie })).status).toBe(409);

    const reopened = await reopen(undefined);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ ticket: { id: ticket.id, status: "backlog", isBlocked: false, blockedReason: null }, taskId: null });
    expect(await db.task.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect((await reopen({})).status).toBe(409);

    // Re-run: reopen and queue a new run beside the finished one, which keeps its merge.
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "done" } });
    const rerun = await reopen({ run: true, reason: "Also greet in Italian" });
    expect(rerun.status).toBe(200);
    const tasks = await db.task.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } });
    expect(tasks.map((t) => [t.status, t.integration, t.integratedSha])).toEqual([
      ["completed", "integrated", SHA.candidate],
      ["queued", null, null],
    ]);
    expect(tasks[1]).toMatchObject({ id: rerun.body.taskId, kind: "implement", specTaskId: ticket.specTaskId, runRequested: true, deliveredSha: null });
    expect(tasks[1]!.feedback).toBe("A person reopened this ticket after it was done and asked for a new run. What to do:\nAlso greet in Italian");
    // The page still shows the finished run's merge as verified until the new run delivers.
    const detail = await detailOf(ticket.id, owner.cookie);
    expect(detail.verified).toMatchObject({ run: 1, integratedSha: SHA.candidate });
    expect(detail.tasks.map((t: { status: string }) => t.status)).toEqual(["completed", "queued"]);
  });
});

describe("assigning a ticket (PATCH assigneeId)", () => {
  it("takes members of the project's organization only (422 on assigneeId), and unassigns with null", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { autoExecuteTickets: false });
    const created = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, title: "Assign me" } });
    const ticketId = created.body.ticket.id;
    const assign = (assigneeId: string | null) => callRoute(ticketRoute.PATCH, { method: "PATCH", params: { ticketId }, cookie: owner.cookie, body: { assigneeId } });

    const stranger = await createTestUser();
    const refused = await assign(stranger.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields).toEqual({ assigneeId: ["not a member"] });

    const teammate = await createTestUser();
    await addMember({ userId: owner.id, orgId: project.orgId, input: { email: teammate.email, role: "member" } });
    expect((await assign(teammate.id)).body.ticket.assigneeId).toBe(teammate.id);
    expect((await assign(owner.id)).body.ticket.assigneeId).toBe(owner.id);
    expect((await assign(null)).body.ticket.assigneeId).toBeNull();
  });
});
