import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as contextRoute from "@/app/api/v1/sandboxes/[id]/context/route";
import * as phaseRoute from "@/app/api/v1/sandboxes/[id]/phases/[phase]/route";
import * as sandboxRoute from "@/app/api/v1/sandboxes/[id]/route";
import * as specEventsRoute from "@/app/api/v1/specs/[specId]/events/route";
import { db } from "@/lib/db/client";
import { createHttpEventReporter } from "@/lib/events/event-reporter";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { materializeTasks } from "@/lib/specs/materialize-phase";
import { tasksOutputSchema } from "@/lib/specs/phases/tasks-output";
import { spawnSpecSandbox } from "@/lib/sandbox/spawn-spec-sandbox";
import { callRoute } from "@/test/call-route";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";
import { createTestProject, createTestUser } from "@/test/factories";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

async function specSandbox() {
  // EXPLORE's key files are checked against the project's repository (at the spec's base commit).
  const user = await createTestUser({ instanceAdmin: true });
  const project = await createTestProject(user.id, { repoUrl: createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-events-repo-"))) });
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: user.id, title: "Idea", description: "An idea worth building", generationStatus: "running" },
  });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running", startPhase: "explore" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
  return { user, project, spec, sandbox, token };
}

const event = (type: string, data: unknown, clientEventId = crypto.randomUUID()) => ({ type, data, clientEventId, occurredAt: new Date().toISOString() });
const message = (turn: number) => event("agent.message", { turn, text: `message ${turn}` });

const post = (sandboxId: string, token: string, body: unknown) =>
  callRoute(sandboxEventsRoute.POST, { method: "POST", params: { id: sandboxId }, headers: { authorization: `Bearer ${token}` }, body });

async function readAll(specId: string, cookie: string, limit = 500) {
  const all: { seq: number; type: string; data: { turn?: number } }[] = [];
  let after = 0;
  for (;;) {
    const page = await callRoute(specEventsRoute.GET, { path: `/x?after=${after}&limit=${limit}`, params: { specId }, cookie });
    expect(page.status).toBe(200);
    all.push(...page.body.events);
    after = page.body.nextCursor;
    if (!page.body.hasMore) return { events: all, cursor: after };
  }
}

describe("POST /api/v1/sandboxes/{id}/events", () => {
  it("stores a batch with increasing seq, readable by members in order with a cursor", async () => {
    const { user, spec, sandbox, token } = await specSandbox();
    const response = await post(sandbox.id, token, { events: [message(0), message(1), event("spec.heartbeat", { phase: "explore" })] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 3, duplicates: 0 });

    const { events, cursor } = await readAll(spec.id, user.cookie);
    expect(events.map((e) => e.type)).toEqual(["agent.message", "agent.message", "spec.heartbeat"]);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(cursor).toBe(events.at(-1)!.seq);
    // Nothing new: same cursor back, empty page.
    const empty = await callRoute(specEventsRoute.GET, { path: `/x?after=${cursor}`, params: { specId: spec.id }, cookie: user.cookie });
    expect(empty.body).toEqual({ events: [], nextCursor: cursor, hasMore: false });

    const bySandbox = await callRoute(sandboxEventsRoute.GET, { params: { id: sandbox.id }, cookie: user.cookie });
    expect(bySandbox.body.events).toHaveLength(3);
  });

  it("stores nothing twice when a batch is retried (same client event ids)", async () => {
    const { spec, sandbox, token } = await specSandbox();
    const batch = { events: [message(0), message(1), message(2)] };
    expect((await post(sandbox.id, token, batch)).body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect((await post(sandbox.id, token, batch)).body).toMatchObject({ accepted: 0, duplicates: 3, lastSeq: null });
    // Partly new: only the new one is stored.
    expect((await post(sandbox.id, token, { events: [...batch.events, message(3)] })).body).toMatchObject({ accepted: 1, duplicates: 3 });
    expect(await db.sandboxEvent.count({ where: { specId: spec.id } })).toBe(4);
  });

  it("refuses a batch with one invalid event with 422 and field errors, storing none of it", async () => {
    const { spec, sandbox, token } = await specSandbox();
    const bad = await post(sandbox.id, token, { events: [message(0), event("agent.message", { turn: -1 }), event("no.such_type", {})] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(bad.body.error.details)).toContain("events.1");
    // Only the worker writes sandbox.* events.
    expect((await post(sandbox.id, token, { events: [event("sandbox.lost", { reason: "x", respawning: false, respawnCount: 0 })] })).status).toBe(422);
    expect((await post(sandbox.id, token, { events: [] })).status).toBe(422);
    expect((await post(sandbox.id, token, { events: Array.from({ length: 501 }, (_, i) => message(i)) })).status).toBe(422);
    expect((await post(sandbox.id, token, "{not json")).status).toBe(400);
    expect(await db.sandboxEvent.count({ where: { specId: spec.id } })).toBe(0);
  });

  it("answers 413 to an oversize body", async () => {
    const { sandbox, token } = await specSandbox();
    const huge = { events: [event("agent.message", { turn: 0, text: "x".repeat(9 * 1024 * 1024) })] };
    expect((await post(sandbox.id, token, huge)).status).toBe(413);
  });

  it("accepts only the sandbox's own token: 403 for another sandbox's, 401 for none or a user's session", async () => {
    const a = await specSandbox();
    const b = await specSandbox();
    expect((await post(b.sandbox.id, a.token, { events: [message(0)] })).status).toBe(403);
    expect((await callRoute(sandboxEventsRoute.POST, { method: "POST", params: { id: a.sandbox.id }, body: { events: [message(0)] } })).status).toBe(401);
    const withCookie = await callRoute(sandboxEventsRoute.POST, {
      method: "POST",
      params: { id: a.sandbox.id },
      cookie: a.user.cookie,
      body: { events: [message(0)] },
    });
    expect(withCookie.status).toBe(401);
    expect(await db.sandboxEvent.count({ where: { sandboxId: { in: [a.sandbox.id, b.sandbox.id] } } })).toBe(0);
  });

  it("keeps the sandbox alive on every batch and marks it stopped on a terminal event", async () => {
    const { sandbox, token } = await specSandbox();
    await db.sandbox.update({ where: { id: sandbox.id }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    await post(sandbox.id, token, { events: [event("spec.heartbeat", {})] });
    const alive = await db.sandbox.findUniqueOrThrow({ where: { id: sandbox.id } });
    expect(Date.now() - alive.lastHeartbeatAt!.getTime()).toBeLessThan(5_000);
    expect(alive.status).toBe("running");
    // The worker's own end of a spec's execution cannot be claimed by a sandbox.
    const forged = await post(sandbox.id, token, { events: [event("spec.execution_completed", { summary: "every ticket done" })] });
    expect(forged.status).toBe(422);
    expect(await db.sandboxEvent.count({ where: { sandboxId: sandbox.id, type: "spec.execution_completed" } })).toBe(0);
    await post(sandbox.id, token, { events: [event("spec.generation_completed", { summary: "done" })] });
    const ended = await db.sandbox.findUniqueOrThrow({ where: { id: sandbox.id } });
    expect(ended.status).toBe("stopped");
    expect(ended.endedAt).not.toBeNull();
  });

  it("delivers a 10,000-event stream through the agent's reporter complete and in order", async () => {
    const { user, spec, sandbox, token } = await specSandbox();
    let posts = 0;
    const reporter = createHttpEventReporter({
      apiUrl: "http://localhost:3000",
      sandboxId: sandbox.id,
      token,
      maxBatch: 500,
      // The route handler itself stands in for the network.
      fetch: (async (url: string, init: RequestInit) => {
        posts++;
        // Every fifth batch "fails" after being stored: the reporter retries it with the same ids.
        const response = await sandboxEventsRoute.POST(new Request(url, init), { params: Promise.resolve({ id: sandbox.id }) });
        return posts % 5 === 0 ? new Response("{}", { status: 503 }) : response;
      }) as typeof fetch,
    });
    for (let turn = 0; turn < 10_000; turn++) reporter.emit("agent.message", { turn, text: `m${turn}` });
    await reporter.close();

    const { events } = await readAll(spec.id, user.cookie);
    expect(events).toHaveLength(10_000);
    expect(events.map((e) => e.data.turn)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(posts).toBeGreaterThan(20); // 20 batches plus the retries
  }, 60_000);

  it("hides a spec's and a sandbox's events from non-members (404)", async () => {
    const { spec, sandbox } = await specSandbox();
    const stranger = await createTestUser();
    expect((await callRoute(specEventsRoute.GET, { params: { specId: spec.id }, cookie: stranger.cookie })).status).toBe(404);
    expect((await callRoute(sandboxEventsRoute.GET, { params: { id: sandbox.id }, cookie: stranger.cookie })).status).toBe(404);
    expect((await callRoute(sandboxRoute.GET, { params: { id: sandbox.id }, cookie: stranger.cookie })).status).toBe(404);
    expect((await callRoute(specEventsRoute.GET, { params: { specId: spec.id } })).status).toBe(401);
    expect((await callRoute(specEventsRoute.GET, { path: "/x?after=-1", params: { specId: spec.id }, cookie: stranger.cookie })).status).toBe(422);
  });
});

describe("sandbox context and checkpoints", () => {
  it("gives the agent its spec and project, stores a passed phase as checkpoint and returns it on resume", async () => {
    const { project, spec, sandbox, token } = await specSandbox();
    const auth = { authorization: `Bearer ${token}` };
    const context = await callRoute(contextRoute.GET, { params: { id: sandbox.id }, headers: auth });
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({
      sandbox: { id: sandbox.id, purpose: "spec", startPhase: "explore" },
      project: { id: project.id, name: project.name },
      spec: { id: spec.id, description: "An idea worth building", checkpoints: [] },
      task: null,
    });

    const output = SAMPLE_OUTPUTS.explore;
    const put = await callRoute(phaseRoute.PUT, {
      method: "PUT",
      params: { id: sandbox.id, phase: "explore" },
      headers: auth,
      body: { attempt: 1, score: 0.9, subScores: { schema: 1 }, output },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ phase: "explore", nextPhase: "requirements" });
    // A retried PUT is harmless.
    expect((await callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase: "explore" }, headers: auth, body: { attempt: 1, score: 0.9, output } })).status).toBe(200);

    const run = await db.phaseRun.findFirstOrThrow({ where: { specId: spec.id, phase: "explore" } });
    // The server's own verdict is stored, not the 0.9 the sandbox claimed.
    expect(run).toMatchObject({ status: "passed", attempt: 1 });
    expect(run.score).toBeGreaterThanOrEqual(0.7);
    expect(run.score).not.toBe(0.9);
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).currentPhase).toBe("requirements");
    const resumed = await callRoute(contextRoute.GET, { params: { id: sandbox.id }, headers: auth });
    expect(resumed.body.spec.checkpoints).toEqual([{ phase: "explore", attempt: 1, score: run.score, output }]);

    const invalid = await callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase: "explore" }, headers: auth, body: { attempt: 0, output: [] } });
    expect(invalid.status).toBe(422);
    expect((await callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase: "nope" }, headers: auth, body: { attempt: 1, score: 1, output: {} } })).status).toBe(404);
    const other = await specSandbox();
    expect((await callRoute(contextRoute.GET, { params: { id: sandbox.id }, headers: { authorization: `Bearer ${other.token}` } })).status).toBe(403);
  });

  it("does not let an agent skip gates: a phase_started ahead of the spec is ignored and the skipped phase's checkpoint refused", async () => {
    const { spec, sandbox, token } = await specSandbox();
    const auth = { authorization: `Bearer ${token}` };
    // The attack: at EXPLORE, claim TASKS has started, then submit a task plan with nothing before it.
    const claimed = await post(sandbox.id, token, { events: [event("spec.phase_started", { phase: "tasks", attempt: 1 })] });
    expect(claimed.status).toBe(200);
    const skipped = await callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase: "tasks" }, headers: auth, body: { attempt: 1, score: 1, output: SAMPLE_OUTPUTS.tasks } });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toBe("The spec is at explore, not tasks");
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ generationStatus: "running", currentPhase: "explore" });
    expect(await db.phaseRun.count({ where: { specId: spec.id, phase: "tasks" } })).toBe(0);
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(0);
    // The claim itself is on the timeline (what the agent said), but it moved nothing.
    expect(await db.sandboxEvent.count({ where: { specId: spec.id, type: "spec.phase_started" } })).toBe(1);
  });

  it("runs SYNC on the server when TASKS is stored: plan, tickets and a complete spec in the same request; no sandbox can ask for it", async () => {
    const { spec, sandbox, token } = await specSandbox();
    const auth = { authorization: `Bearer ${token}` };
    const put = (phase: string, output: unknown) => callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase }, headers: auth, body: { attempt: 1, score: 1, output } });

    // The attack: a sandbox asking for SYNC itself (the old agents' empty PUT) while the spec is still at EXPLORE.
    const early = await put("sync", {});
    expect(early.status).toBe(404);
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(0);
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ generationStatus: "running", currentPhase: "explore" });

    for (const phase of ["explore", "requirements", "design"] as const) expect((await put(phase, SAMPLE_OUTPUTS[phase])).status).toBe(200);
    const tasks = await put("tasks", SAMPLE_OUTPUTS.tasks);
    expect(tasks.status).toBe(200);
    expect(tasks.body).toMatchObject({ phase: "tasks", nextPhase: "complete", generationStatus: "completed" });

    const stored = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(stored).toMatchObject({ generationStatus: "completed", currentPhase: "complete", executionStatus: "running", progress: 100 });
    expect(stored.syncPlan).toMatchObject({ uncovered: [], waves: [["TSK-001"], ["TSK-002"], ["TSK-003"]] });
    const tickets = await db.ticket.findMany({ where: { specId: spec.id }, include: { dependsOn: true }, orderBy: { number: "asc" } });
    expect(tickets.map((t) => [t.title, t.dependsOn.length])).toEqual(SAMPLE_OUTPUTS.tasks.tasks.map((t) => [t.title, t.dependsOn.length]));
    const runs = await db.phaseRun.findMany({ where: { specId: spec.id }, orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => [r.phase, r.status])).toContainEqual(["sync", "passed"]);
    const events = await db.sandboxEvent.findMany({ where: { specId: spec.id, source: "worker" }, select: { type: true, data: true } });
    expect(events).toEqual(
      expect.arrayContaining([
        { type: "spec.phase_completed", data: { phase: "sync", attempt: 1, score: 1 } },
        { type: "spec.tickets_created", data: { count: 3, ticketIds: tickets.map((t) => t.id) } },
      ]),
    );

    // A retried TASKS PUT (the response was lost) makes nothing twice.
    expect((await put("tasks", SAMPLE_OUTPUTS.tasks)).status).toBe(200);
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(3);
    expect(await db.phaseRun.count({ where: { specId: spec.id, phase: "sync" } })).toBe(1);
  });

  it("syncs, instead of starting a sandbox, a spec an older agent left at SYNC (its TASKS stored, its empty PUT never sent)", async () => {
    const { spec, sandbox, token } = await specSandbox();
    const auth = { authorization: `Bearer ${token}` };
    for (const phase of ["explore", "requirements", "design"] as const) {
      const stored = await callRoute(phaseRoute.PUT, { method: "PUT", params: { id: sandbox.id, phase }, headers: auth, body: { attempt: 1, score: 1, output: SAMPLE_OUTPUTS[phase] } });
      expect(stored.status).toBe(200);
    }
    // What the old server did with TASKS: stored and materialized, the spec moved to sync, SYNC left to the agent.
    await db.$transaction(async (tx) => {
      await materializeTasks(tx, spec.id, tasksOutputSchema.parse(SAMPLE_OUTPUTS.tasks));
      await tx.phaseRun.create({ data: { specId: spec.id, phase: "tasks", attempt: 1, status: "passed", score: 1, output: SAMPLE_OUTPUTS.tasks, endedAt: new Date() } });
      await tx.spec.update({ where: { id: spec.id }, data: { currentPhase: "sync" } });
      await tx.sandbox.update({ where: { id: sandbox.id }, data: { status: "lost", endedAt: new Date() } });
    });

    expect(await spawnSpecSandbox({ specId: spec.id })).toEqual({ spawned: false, reason: "synced" });
    expect(await db.sandbox.count({ where: { specId: spec.id, status: { in: ["creating", "running"] } } })).toBe(0);
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ generationStatus: "completed", currentPhase: "complete", executionStatus: "running" });
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(3);
    // A duplicate spawn job of the same spec finds it completed and does nothing.
    expect(await spawnSpecSandbox({ specId: spec.id })).toEqual({ spawned: false, reason: "not_running" });
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(3);
  });
});
