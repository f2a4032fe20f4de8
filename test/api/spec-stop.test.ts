import { describe, expect, it } from "vitest";
import * as specRoute from "@/app/api/v1/specs/[specId]/route";
import * as stopRoute from "@/app/api/v1/specs/[specId]/stop/route";
import * as revisionsRoute from "@/app/api/v1/specs/[specId]/phases/[phase]/revisions/route";
import { db } from "@/lib/db/client";
import { callRoute } from "@/test/call-route";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";
import { createTestProject, createTestUser } from "@/test/factories";

/**
 * A spec planning at design (its agent's sandbox running, on its second attempt) whose earlier tickets are at work:
 * OMOI-1 queued, OMOI-2 running in a sandbox, OMOI-3's accepted work waiting to be merged, OMOI-4 merged, OMOI-5
 * waiting for a reviewer, OMOI-6 being merged. No process runs: the rows are what the server acts on.
 */
async function specAtWork() {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { autoExecuteTickets: false });
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet in French", generationStatus: "running", currentPhase: "design", executionStatus: "running", branch: "omoi/greeter/spec-1" },
  });
  const earlier = new Date(Date.now() - 60_000);
  // A run of design in an earlier sandbox (before a resume): the agent counts afresh in its new one.
  await db.phaseRun.create({ data: { specId: spec.id, phase: "design", attempt: 1, status: "failed", startedAt: earlier } });
  const planning = await db.sandbox.create({ data: { purpose: "spec", status: "running", specId: spec.id, startPhase: "design", createdAt: new Date(Date.now() - 30_000) } });
  await db.phaseRun.create({ data: { specId: spec.id, phase: "design", attempt: 2, status: "failed" } });
  await db.phaseRun.create({ data: { specId: spec.id, phase: "design", attempt: 3, status: "running" } });

  const ticket = (number: number, status: "backlog" | "building" | "review" | "done") =>
    db.ticket.create({ data: { projectId: project.id, userId: owner.id, specId: spec.id, key: `OMOI-${number}`, number, title: `Ticket ${number}`, status, position: number } });
  const [queuedTicket, runningTicket, mergingTicket] = [await ticket(1, "backlog"), await ticket(2, "building"), await ticket(3, "review")];
  const queued = await db.task.create({ data: { ticketId: queuedTicket.id, status: "queued", queuedAt: new Date() } });
  const running = await db.task.create({ data: { ticketId: runningTicket.id, status: "running", attempt: 1 } });
  const taskSandbox = await db.sandbox.create({ data: { purpose: "task", status: "running", specId: spec.id, taskId: running.id } });
  await db.task.update({ where: { id: running.id }, data: { sandboxId: taskSandbox.id } });
  const accepted = await db.task.create({ data: { ticketId: mergingTicket.id, status: "completed", integration: "queued", completedAt: new Date() } });
  // Work past the agents: merged (done), waiting for a reviewer, and being merged now.
  await db.task.create({ data: { ticketId: (await ticket(4, "done")).id, status: "completed", integration: "integrated", integratedSha: "a".repeat(40) } });
  await db.task.create({ data: { ticketId: (await ticket(5, "review")).id, status: "completed", integration: "review" } });
  await db.task.create({ data: { ticketId: (await ticket(6, "review")).id, status: "completed", integration: "integrating" } });
  return { owner, spec, planning, taskSandbox, queued, running, accepted, tickets: [queuedTicket, runningTicket, mergingTicket] };
}

describe("POST /api/v1/specs/{specId}/stop", () => {
  it("stops planning and every queued or running task of the spec's tickets, leaves accepted work alone, then has nothing to stop", async () => {
    const w = await specAtWork();

    // What the page shows before: the agent on its second attempt at design, one ticket queued, one running, one to merge.
    const before = await callRoute(specRoute.GET, { params: { specId: w.spec.id }, cookie: w.owner.cookie });
    expect(before.body.activity).toMatchObject({
      isPlanning: true,
      phaseAttempt: 2,
      phaseMaxAttempts: 3,
      build: { total: 6, integrated: 1, byStatus: { backlog: 1, building: 1, review: 3, done: 1 }, queued: 1, running: 1, inReview: ["OMOI-5"], awaitingMerge: ["OMOI-3"], merging: "OMOI-6" },
    });

    const stranger = await createTestUser();
    const refused = await callRoute(stopRoute.POST, { method: "POST", params: { specId: w.spec.id }, cookie: stranger.cookie });
    expect(refused.status).toBe(404);
    expect(await db.task.findUniqueOrThrow({ where: { id: w.queued.id } })).toMatchObject({ status: "queued" });

    const res = await callRoute(stopRoute.POST, { method: "POST", params: { specId: w.spec.id }, cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body.planning).toBe(true);
    expect(res.body.tickets.map((t: { key: string; wasRunning: boolean }) => [t.key, t.wasRunning])).toEqual([
      ["OMOI-1", false],
      ["OMOI-2", true],
    ]);
    expect(res.body.spec).toMatchObject({ generationStatus: "cancelled" });

    const tasks = await db.task.findMany({ where: { id: { in: [w.queued.id, w.running.id, w.accepted.id] } }, orderBy: { createdAt: "asc" } });
    expect(tasks.map((t) => [t.status, t.sandboxId])).toEqual([
      ["cancelled", null],
      ["cancelled", null],
      ["completed", null],
    ]);
    expect(tasks[2]!.integration).toBe("queued");
    const tickets = await db.ticket.findMany({ where: { specId: w.spec.id }, orderBy: { number: "asc" } });
    expect(tickets.map((t) => t.status)).toEqual(["backlog", "backlog", "review", "done", "review", "review"]);
    for (const id of [w.planning.id, w.taskSandbox.id]) {
      const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id } });
      expect(sandbox.status).toBe("stopped");
      expect(sandbox.tokenRevokedAt).not.toBeNull();
    }
    expect(await db.phaseRun.count({ where: { specId: w.spec.id, status: "running" } })).toBe(0);
    // Stopped, not lost: nothing was re-queued or re-spawned.
    expect(await db.task.count({ where: { ticket: { specId: w.spec.id }, status: { in: ["queued", "running"] } } })).toBe(0);
    expect((await db.spec.findUniqueOrThrow({ where: { id: w.spec.id } })).respawnCount).toBe(0);

    const after = await callRoute(specRoute.GET, { params: { specId: w.spec.id }, cookie: w.owner.cookie });
    expect(after.body.activity).toMatchObject({ isPlanning: false, phaseAttempt: null, build: { integrated: 1, queued: 0, running: 0, awaitingMerge: ["OMOI-3"], merging: "OMOI-6" } });

    const again = await callRoute(stopRoute.POST, { method: "POST", params: { specId: w.spec.id }, cookie: w.owner.cookie });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("stops the queued tasks of a spec whose planning is over", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { autoExecuteTickets: false });
    const spec = await db.spec.create({
      data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet", generationStatus: "completed", currentPhase: "complete", executionStatus: "running" },
    });
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: owner.id, specId: spec.id, key: "OMOI-1", number: 1, title: "One", status: "backlog" } });
    const task = await db.task.create({ data: { ticketId: ticket.id, status: "queued", queuedAt: new Date() } });

    const res = await callRoute(stopRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ planning: false, tickets: [{ key: "OMOI-1", taskId: task.id, wasRunning: false }], spec: { generationStatus: "completed" } });
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("cancelled");
  });
});

describe("GET /api/v1/specs/{specId}/phases/{phase}/revisions", () => {
  it("lists a phase's passed outputs, the replaced one first; members only; phases without an output are not found", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet", generationStatus: "awaiting_approval", currentPhase: "design" } });
    const first = { ...SAMPLE_OUTPUTS.requirements, outOfScope: ["Right-to-left scripts"] };
    const second = { ...SAMPLE_OUTPUTS.requirements, outOfScope: ["Right-to-left scripts", "Plural forms"] };
    await db.phaseRun.create({ data: { specId: spec.id, phase: "requirements", attempt: 1, status: "superseded", score: 0.8, output: first, startedAt: new Date(Date.now() - 10_000) } });
    await db.phaseRun.create({ data: { specId: spec.id, phase: "requirements", attempt: 2, status: "failed", score: 0.4 } });
    await db.phaseRun.create({ data: { specId: spec.id, phase: "requirements", attempt: 3, status: "passed", score: 0.9, output: second, feedback: "Leave plurals out" } });

    const res = await callRoute(revisionsRoute.GET, { params: { specId: spec.id, phase: "requirements" }, cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body.revisions.map((r: { attempt: number; status: string; feedback: string | null }) => [r.attempt, r.status, r.feedback])).toEqual([
      [1, "superseded", null],
      [3, "passed", "Leave plurals out"],
    ]);
    expect(res.body.revisions[1].output.outOfScope).toEqual(["Right-to-left scripts", "Plural forms"]);

    const stranger = await createTestUser();
    expect((await callRoute(revisionsRoute.GET, { params: { specId: spec.id, phase: "requirements" }, cookie: stranger.cookie })).status).toBe(404);
    expect((await callRoute(revisionsRoute.GET, { params: { specId: spec.id, phase: "sync" }, cookie: owner.cookie })).status).toBe(404);
    expect((await callRoute(revisionsRoute.GET, { params: { specId: spec.id, phase: "design" }, cookie: owner.cookie })).body.revisions).toEqual([]);

    // The spec's own read carries what a reviewer approves with: the requirements' assumptions and what is out of scope.
    const detail = await callRoute(specRoute.GET, { params: { specId: spec.id }, cookie: owner.cookie });
    expect(detail.body.requirementsNotes).toEqual({ assumptions: SAMPLE_OUTPUTS.requirements.assumptions, outOfScope: ["Right-to-left scripts", "Plural forms"] });
    expect(detail.body.explore).toBeNull();
  });
});
