import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { isAlive, startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import { acknowledgedEventIds } from "@/test/app-server";
import { callRoute } from "@/test/call-route";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";

// PostgreSQL stops while an agent is reporting events and comes back on the same port: the web routes, the worker
// and the agent must all ride it out. Its own server (restarting the run's shared one would break other files).
let pgServer: EmbeddedPostgres;
let tempDir: string;
let h: AgentHarness;
let mode: "busy" | "finish" = "busy";
const specAgent = scriptedSpecAgent();
/** Ids of the tool calls the model handed out while the agent was busy. */
const issuedToolUseIds: string[] = [];
const script = (request: RecordedRequest): FakeStep => {
  if (mode !== "busy") return specAgent(request);
  const id = `toolu_busy_${issuedToolUseIds.push(`toolu_busy_${issuedToolUseIds.length + 1}`)}`;
  return { content: [{ type: "tool_use", id, name: "list_dir", input: { path: "." } }], latencyMs: 100 };
};

let specEventsRoute: typeof import("@/app/api/v1/specs/[specId]/events/route");
let lib: {
  db: typeof import("@/lib/db/client").db;
  createSpec: typeof import("@/lib/specs/create-spec").createSpec;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
};

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-pg-restart-"));
  fs.chmodSync(tempDir, 0o755);
  // Not 5432: while this server is down, another run's database could take that port.
  pgServer = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), port: await findFreePort() });
  // A generous heartbeat timeout: the outage must not be mistaken for a dead agent.
  h = await startAgentHarness({ name: "pgrestart", script, adminUrl: pgServer.adminUrl, heartbeatTimeoutSeconds: 30 });
  lib = {
    db: (await import("@/lib/db/client")).db,
    createSpec: (await import("@/lib/specs/create-spec")).createSpec,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
  };
  specEventsRoute = await import("@/app/api/v1/specs/[specId]/events/route");
  await h.startWorker();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pgServer?.stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("a PostgreSQL restart during event ingestion", () => {
  it("loses no acknowledged event, stores the held-back ones once, and the spec and its tickets still complete", async () => {
    const user = await lib.createTestUser();
    const project = await lib.createTestProject(user.id, { repoUrl: h.sampleRepo, testCommand: "node --test" });
    const spec = await lib.createSpec({ userId: user.id, input: { projectId: project.id, description: "Add a dark mode toggle to the settings page" } });
    const countEvents = () => lib.db.sandboxEvent.count({ where: { specId: spec.id } });
    await waitFor("the agent to report", async () => (await countEvents()) >= 20, 20_000);

    const sandbox = await lib.db.sandbox.findFirstOrThrow({ where: { specId: spec.id, status: "running" } });
    const agentPid = h.agentPid(sandbox.id);

    await pgServer.stop();
    const downAt = Date.now();
    const acknowledgedBefore = acknowledgedEventIds.size;
    // Meanwhile the API says "try again shortly", not "internal error".
    const during = await callRoute(specEventsRoute.GET, { path: `/x?after=0`, params: { specId: spec.id }, cookie: user.cookie });
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("2");
    expect(during.body.error.code).toBe("service_unavailable");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    // Its batches and model calls fail meanwhile (both need the database); it retries rather than giving up.
    expect(isAlive(agentPid)).toBe(true);
    // The same folder as at first start (the server itself may run from a relocated copy when root).
    pgServer = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), port: pgServer.port });
    const outageMs = Date.now() - downAt;

    // The agent's reporter delivers what it held back; then the spec runs to its end.
    await waitFor("events after the restart", async () => acknowledgedEventIds.size > acknowledgedBefore + 5, 20_000);
    mode = "finish";
    // Its tickets then run as tasks, which needs the worker's job runner: it came back by itself.
    const done = await waitFor("the spec and its tickets to finish", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } });
      return (row.generationStatus === "failed" || ["completed", "failed"].includes(row.executionStatus)) && row;
    }, 90_000);
    expect(done, `lastError: ${done.lastError}`).toMatchObject({ generationStatus: "completed", executionStatus: "completed" });
    const tickets = await lib.db.ticket.findMany({ where: { specId: spec.id }, include: { tasks: true } });
    expect(tickets.length).toBeGreaterThan(0);
    expect(tickets.every((t) => t.status === "done" && t.tasks.length === 1)).toBe(true);
    // The outage cost no spec sandbox: the same agent went on.
    expect(await lib.db.sandbox.count({ where: { specId: spec.id, purpose: "spec" } })).toBe(1);

    // Every event the server acknowledged is stored (and, per the unique key, at most once).
    const stored = new Set(
      (await lib.db.sandboxEvent.findMany({ where: { clientEventId: { in: [...acknowledgedEventIds] } }, select: { clientEventId: true } })).map((e) => e.clientEventId),
    );
    const missing = [...acknowledgedEventIds].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // Nothing the agent did during the outage was lost either: every tool call the model handed out is an event.
    const reported = new Set(
      (await lib.db.sandboxEvent.findMany({ where: { specId: spec.id, type: "agent.tool_use" }, select: { data: true } })).map((e) => (e.data as { toolUseId: string }).toolUseId),
    );
    expect(issuedToolUseIds.filter((id) => !reported.has(id))).toEqual([]);
    const passed = await lib.db.phaseRun.groupBy({ by: ["phase"], where: { specId: spec.id, status: "passed" }, _count: true });
    expect(passed.every((p) => p._count === 1)).toBe(true);
    expect(outageMs).toBeGreaterThan(2_000);
  }, 120_000);
});
