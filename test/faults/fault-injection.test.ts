import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import { acknowledgedEventIds } from "@/test/app-server";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";

// Faults from outside while specs run end to end (real agents, real worker, real git): an overloaded model, and a
// worker killed -9 in the middle of dispatching tasks. Afterwards the same questions each time: is every event the
// server acknowledged stored, is no ticket or task duplicated, and does every spec end in a truthful state?
// (Agents killed mid-phase and mid-task: test/specs/spec-engine.test.ts and test/tickets/execution.test.ts; a
// PostgreSQL restart: postgres-restart.test.ts; Daytona API errors: test/worker/daytona-spawn.test.ts.)
let h: AgentHarness;
const children: ChildProcess[] = [];
/** Until this time every model call is answered 529 overloaded. */
let stormUntil = 0;
/** A storm of this length that starts at the next model call (however long the agent takes to start). */
let stormArmedMs = 0;
const specAgent = scriptedSpecAgent();
/** Task agents of these ticket keys get a refusal (400) on every model call, so each attempt fails. */
let failingTickets = new Set<string>();
const script = (request: RecordedRequest): FakeStep => {
  if (stormArmedMs > 0) {
    stormUntil = Date.now() + stormArmedMs;
    stormArmedMs = 0;
  }
  if (Date.now() < stormUntil) return { error: 529, retryAfter: 0.2, message: "Overloaded" };
  const key = /Ticket ([A-Z]+-\d+)/.exec(JSON.stringify(request.body?.messages?.[0]?.content ?? ""))?.[1];
  if (key && failingTickets.has(key)) return { error: 400, message: "This request cannot be served" };
  return specAgent(request);
};

let lib: {
  db: typeof import("@/lib/db/client").db;
  createSpec: typeof import("@/lib/specs/create-spec").createSpec;
  executeSpecTasks: typeof import("@/lib/tickets/execute-spec-tasks").executeSpecTasks;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
  runTicket: typeof import("@/lib/tickets/run-ticket").runTicket;
};

beforeAll(async () => {
  h = await startAgentHarness({ name: "faults", script });
  lib = {
    db: (await import("@/lib/db/client")).db,
    createSpec: (await import("@/lib/specs/create-spec")).createSpec,
    executeSpecTasks: (await import("@/lib/tickets/execute-spec-tasks")).executeSpecTasks,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
    runTicket: (await import("@/lib/tickets/run-ticket")).runTicket,
  };
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await h?.close();
});

async function newSpec(options: { autoExecute: boolean }) {
  const user = await lib.createTestUser();
  const project = await lib.createTestProject(user.id, { repoUrl: h.sampleRepo, testCommand: "node --test", autoExecuteTickets: options.autoExecute });
  return lib.createSpec({ userId: user.id, input: { projectId: project.id, description: "Let greet() speak French and German too" } });
}

const specRow = (specId: string) => lib.db.spec.findUniqueOrThrow({ where: { id: specId } });

/** Waits until the spec has ended one way or the other: generation failed, or its tickets finished. */
const settled = (specId: string, timeoutMs: number) =>
  waitFor("the spec to settle", async () => {
    const spec = await specRow(specId);
    const ended = ["failed", "cancelled"].includes(spec.generationStatus) || ["completed", "failed"].includes(spec.executionStatus);
    return ended && spec;
  }, timeoutMs);

/** What must hold after any fault: acknowledged events stored, nothing duplicated, a truthful end state. */
async function assertTruthfulEnd(specId: string) {
  const ids = [...acknowledgedEventIds];
  const stored = new Set((await lib.db.sandboxEvent.findMany({ where: { clientEventId: { in: ids } }, select: { clientEventId: true } })).map((e) => e.clientEventId));
  expect(ids.filter((id) => !stored.has(id)), "acknowledged events missing from the database").toEqual([]);

  const tasks = await lib.db.specTask.findMany({ where: { specId }, include: { ticket: { include: { tasks: true } } } });
  const tickets = await lib.db.ticket.findMany({ where: { specId }, include: { tasks: true } });
  expect(tickets.length, "one ticket per planned task").toBe(tasks.length);
  expect(new Set(tickets.map((t) => t.specTaskId)).size).toBe(tickets.length);
  for (const ticket of tickets) expect(ticket.tasks.length, `${ticket.key} has one task`).toBe(1);
  const passedPhases = await lib.db.phaseRun.groupBy({ by: ["phase"], where: { specId, status: "passed" }, _count: true });
  expect(passedPhases.filter((p) => p._count > 1)).toEqual([]);

  const spec = await specRow(specId);
  if (spec.generationStatus === "failed" || spec.executionStatus === "failed") {
    expect(spec.lastError, "a failed spec says why").toBeTruthy();
    expect(await lib.db.sandboxEvent.count({ where: { specId, type: "spec.execution_failed" } })).toBeGreaterThan(0);
  } else {
    expect(spec).toMatchObject({ generationStatus: "completed", executionStatus: "completed", currentPhase: "complete" });
    expect(tickets.every((t) => t.status === "done" && t.tasks[0]!.status === "completed")).toBe(true);
  }
  // Nothing is left running for a spec that has ended (the reaper has had its pass).
  await waitFor("its sandboxes to end", async () => (await lib.db.sandbox.count({ where: { specId, status: { in: ["creating", "running"] } } })) === 0, 15_000);
  return spec;
}

const workerChild = () => {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: h.databaseUrl, SANDBOX_REAPER_SECONDS: "0.2", OMOIOS_DEBUG: "" },
    stdio: ["ignore", "ignore", "ignore"],
  });
  children.push(child);
  return child;
};

const killNine = async (child: ChildProcess) => {
  child.kill("SIGKILL");
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once("exit", resolve));
};

describe("fault injection", () => {
  it("rides out a 529 storm from the model: agents back off, say so, and the spec completes", async () => {
    await h.startWorker();
    const requestsBefore = h.fake.requests.length;
    stormArmedMs = 3_000;
    const spec = await newSpec({ autoExecute: true });
    await settled(spec.id, 90_000);
    await h.stopWorkers();

    const overloaded = h.fake.requests.slice(requestsBefore).filter((r) => r.status === 529).length;
    expect(overloaded).toBeGreaterThan(3);
    const errors = await lib.db.sandboxEvent.findMany({ where: { specId: spec.id, type: "agent.error" }, select: { data: true } });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => (e.data as { retrying: boolean }).retrying)).toBe(true);
    const end = await assertTruthfulEnd(spec.id);
    expect(end.generationStatus).toBe("completed");
  }, 120_000);

  it("ends a spec as failed, with the reason, when the model stays overloaded — and does not re-spawn it forever", async () => {
    await h.startWorker();
    stormUntil = Number.POSITIVE_INFINITY;
    const spec = await newSpec({ autoExecute: true });
    try {
      const end = await settled(spec.id, 90_000);
      expect(end.generationStatus).toBe("failed");
      expect(end.lastError).toMatch(/529|overloaded/i);
    } finally {
      stormUntil = 0;
      await h.stopWorkers();
    }
    await assertTruthfulEnd(spec.id);
    // The failure is final: one sandbox, no crash re-spawns for a model that refused.
    expect(await lib.db.sandbox.count({ where: { specId: spec.id } })).toBe(1);
  }, 120_000);

  it("survives kill -9 of the worker mid-dispatch, inside the claim and just after it: no task runs twice", async () => {
    // Generation runs on an in-process worker; the tickets wait (no auto-execute) until the faults are in place.
    await h.startWorker();
    const spec = await newSpec({ autoExecute: false });
    await waitFor("the plan's tickets", async () => (await specRow(spec.id)).generationStatus === "completed", 60_000);
    await h.stopWorkers();

    // 1. Inside the claim: hold the dispatchers' shared lock, so the worker blocks in its claim transaction.
    const first = workerChild();
    const blocker = new (await import("pg")).default.Client({ connectionString: h.databaseUrl });
    await blocker.connect();
    await blocker.query(`SELECT pg_advisory_lock(hashtextextended('omoi-dispatch', 0))`);
    await lib.executeSpecTasks({ userId: spec.userId, specId: spec.id });
    await waitFor("the worker to wait inside its claim", async () => {
      const { rows } = await blocker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%omoi-dispatch%' AND pid <> pg_backend_pid()`);
      return rows[0].n > 0;
    }, 30_000);
    await killNine(first);
    await blocker.query(`SELECT pg_advisory_unlock(hashtextextended('omoi-dispatch', 0))`);
    await blocker.end();
    // The dead worker's transaction rolls back: nothing was claimed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lib.db.sandbox.count({ where: { purpose: "task", task: { ticket: { specId: spec.id } } } })).toBe(0);

    // 2. Just after the claim: a new worker claims and starts creating the first sandbox; it dies right then.
    const second = workerChild();
    await waitFor("a claimed task sandbox", async () => (await lib.db.sandbox.count({ where: { purpose: "task", specId: spec.id } })) > 0, 30_000);
    await killNine(second);
    const orphaned = await lib.db.sandbox.findMany({ where: { purpose: "task", specId: spec.id }, select: { id: true, status: true } });
    expect(orphaned.length).toBeGreaterThan(0);

    // 3. Whoever runs next finishes the work: an orphaned claim is noticed by the reaper and its task re-run.
    await h.startWorker();
    const end = await settled(spec.id, 90_000);
    expect(end.executionStatus, `lastError: ${end.lastError}`).toBe("completed");
    await assertTruthfulEnd(spec.id);
    // The orphaned claim ended as lost (no sign of life) or ran to its end; either way it is not left hanging.
    const after = await lib.db.sandbox.findMany({ where: { id: { in: orphaned.map((o) => o.id) } } });
    expect(after.every((s) => s.status === "lost" || s.status === "stopped")).toBe(true);
    await h.stopWorkers();
  }, 180_000);

  it("fails a spec's execution, with the reason, when a ticket fails every attempt; Run puts it back and it completes", async () => {
    await h.startWorker();
    failingTickets = new Set(["OMOI-1"]);
    const spec = await newSpec({ autoExecute: true });
    const failed = await settled(spec.id, 90_000);
    expect(failed.executionStatus).toBe("failed");
    expect(failed.lastError).toMatch(/^OMOI-1: Failed 3 times; last: /);
    // Recorded just after the failure commits (recover-task.ts), so it may trail the status by a moment.
    const event = await waitFor("the spec.execution_failed event", () => lib.db.sandboxEvent.findFirst({ where: { specId: spec.id, type: "spec.execution_failed", source: "worker" } }));
    expect((event.data as { reason: string }).reason).toBe(failed.lastError);
    await assertTruthfulEnd(spec.id);

    failingTickets = new Set();
    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { specId: spec.id, key: "OMOI-1" } });
    await lib.runTicket({ userId: spec.userId, ticketId: ticket.id });
    expect(await specRow(spec.id)).toMatchObject({ executionStatus: "running", lastError: null });
    const end = await settled(spec.id, 90_000);
    expect(end.executionStatus).toBe("completed");
    await assertTruthfulEnd(spec.id);
    await h.stopWorkers();
  }, 180_000);
});
