import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive, startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";

// Real agents (the built bundle) in local sandboxes, a real graphile-worker, the real sandbox API over HTTP and the
// fake Anthropic API behind the real proxy (see test/agent-harness.ts).
let h: AgentHarness;
const children: ChildProcess[] = [];

/** What the fake model does: keep the agent busy (slow tool calls) or run the spec through all its phases. */
let mode: "busy" | "finish" = "busy";
const specAgent = scriptedSpecAgent();
const script = (request: RecordedRequest): FakeStep =>
  mode === "busy" ? { content: [{ type: "tool_use", name: "list_dir", input: { path: "." } }], latencyMs: 1_000 } : specAgent(request);

// Loaded after the environment points at this file's database.
let lib: {
  db: typeof import("@/lib/db/client").db;
  createSpec: typeof import("@/lib/specs/create-spec").createSpec;
  spawnSpecSandbox: typeof import("@/lib/sandbox/spawn-spec-sandbox").spawnSpecSandbox;
  markSandboxLost: typeof import("@/lib/sandbox/mark-sandbox-lost").markSandboxLost;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
};

beforeAll(async () => {
  h = await startAgentHarness({ name: "lifecycle", script });
  lib = {
    db: (await import("@/lib/db/client")).db,
    createSpec: (await import("@/lib/specs/create-spec")).createSpec,
    spawnSpecSandbox: (await import("@/lib/sandbox/spawn-spec-sandbox")).spawnSpecSandbox,
    markSandboxLost: (await import("@/lib/sandbox/mark-sandbox-lost")).markSandboxLost,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
  };
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await h?.close();
});

const startInProcessWorker = () => h.startWorker();
const HEARTBEAT_TIMEOUT_S = 2;

async function newSpec() {
  const user = await lib.createTestUser();
  const project = await lib.createTestProject(user.id, { repoUrl: h.sampleRepo });
  return lib.createSpec({ userId: user.id, input: { projectId: project.id, description: "Add a dark mode toggle to the settings page" } });
}


const liveSandbox = (specId: string) =>
  lib.db.sandbox.findFirst({ where: { specId, status: "running" }, orderBy: { createdAt: "desc" } });





const eventTypes = async (specId: string) =>
  (await lib.db.sandboxEvent.findMany({ where: { specId }, orderBy: { seq: "asc" }, select: { type: true } })).map((e) => e.type);

describe("sandbox lifecycle with the local provider", () => {
  it("starts an agent that reports events and heartbeats, with only the env contract; kill -9 → lost and re-spawned", async () => {
    mode = "busy";
    await startInProcessWorker();
    const spec = await newSpec();
    const first = await waitFor("the sandbox to run", () => liveSandbox(spec.id));
    await waitFor("tool calls and heartbeats", async () => {
      const types = await eventTypes(spec.id);
      return types.includes("agent.tool_use") && types.filter((t) => t === "spec.heartbeat").length >= 3 && types;
    });
    const types = await eventTypes(spec.id);
    expect(types).toEqual(expect.arrayContaining(["sandbox.started", "spec.execution_started", "spec.heartbeat", "agent.tool_use"]));
    expect(first).toMatchObject({ provider: "local", purpose: "spec", startPhase: "explore" });
    const beat = (await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } })).lastHeartbeatAt!;
    expect(Date.now() - beat.getTime()).toBeLessThan(1_500);

    // The agent's whole environment: the contract, nothing of ours.
    const pid = h.agentPid(first.id);
    const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
    const keys = environ.map((line) => line.slice(0, line.indexOf("=")));
    const allowed = [
      "OMOIOS_API_URL", "OMOIOS_SANDBOX_ID", "OMOIOS_SANDBOX_TOKEN", "OMOIOS_PROJECT_ID", "OMOIOS_USER_ID", "SPEC_ID",
      "SPEC_PHASE", "TASK_ID", "EXECUTION_MODE", "WORKSPACE_PATH", "MODEL", "HEARTBEAT_SECONDS", "PATH", "HOME", "LANG",
      // The confined sandbox's own network: its loopback bridge to the app and to the egress proxy.
      "OMOIOS_NET_BRIDGE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "TMPDIR",
    ];
    expect(keys.filter((key) => !allowed.includes(key))).toEqual([]);
    const whole = environ.join("\n");
    for (const secret of [h.serverKey, process.env.NEXTAUTH_SECRET!, h.databaseUrl, new URL(h.databaseUrl).password]) {
      expect(whole).not.toContain(secret);
    }
    // The workspace is a clone of the project's repository.
    expect(fs.existsSync(path.join(first.workspacePath!, "src", "greet.js"))).toBe(true);

    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    const second = await waitFor("a new sandbox", async () => {
      const live = await liveSandbox(spec.id);
      return live && live.id !== first.id && live;
    });
    expect(Date.now() - killedAt).toBeLessThan(HEARTBEAT_TIMEOUT_S * 1000 + 2_000);
    const lost = await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } });
    expect(lost.status).toBe("lost");
    expect(lost.tokenRevokedAt).not.toBeNull();
    expect((await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } })).respawnCount).toBe(1);
    const lostEvent = await lib.db.sandboxEvent.findFirstOrThrow({ where: { sandboxId: first.id, type: "sandbox.lost" } });
    expect(lostEvent.data).toMatchObject({ respawning: true, respawnCount: 1 });
    expect(second.startPhase).toBe("explore");

    // The new agent runs the spec to its end: its sandbox ends as stopped, and the reaper cleans its workspace up.
    mode = "finish";
    await waitFor("the agent to finish", async () => (await lib.db.sandbox.findUniqueOrThrow({ where: { id: second.id } })).destroyedAt);
    expect((await lib.db.sandbox.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("stopped");
    await waitFor("the workspace to be removed", async () => !fs.existsSync(second.workspacePath!));
    expect(await eventTypes(spec.id)).toContain("spec.generation_completed");
    expect(await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ generationStatus: "completed", currentPhase: "complete", progress: 100 });
  }, 40_000);

  it("keeps tracking a sandbox across a worker crash: the next worker's reaper notices a dead agent and re-spawns", async () => {
    mode = "busy";
    await h.stopWorkers();
    // A worker in its own process, killed -9 while its agent runs.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: h.databaseUrl, OMOIOS_DEBUG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const spec = await newSpec();
    const first = await waitFor("the sandbox to run", () => liveSandbox(spec.id), 20_000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    // The agent outlives its worker and keeps reporting; the row still says running.
    const before = (await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } })).lastHeartbeatAt!;
    await waitFor("heartbeats without a worker", async () => (await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } })).lastHeartbeatAt! > before);
    expect(isAlive(h.agentPid(first.id))).toBe(true);

    // A new worker has no handle on that process: only the heartbeat timeout can tell it died.
    await startInProcessWorker();
    const diedAt = Date.now();
    process.kill(h.agentPid(first.id), "SIGKILL");
    const second = await waitFor("a new sandbox", async () => {
      const live = await liveSandbox(spec.id);
      return live && live.id !== first.id && live;
    });
    const elapsed = Date.now() - diedAt;
    expect(elapsed).toBeGreaterThan(HEARTBEAT_TIMEOUT_S * 1000 - 1_000);
    expect(elapsed).toBeLessThan(HEARTBEAT_TIMEOUT_S * 1000 + 3_000);
    expect((await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } })).error).toMatch(/no sign of life/);
    expect(second.id).not.toBe(first.id);
  }, 60_000);

  it("SIGTERM of a worker ends its agents and hands the spec to the next worker without counting a crash", async () => {
    mode = "busy";
    await h.stopWorkers();
    const worker = await startInProcessWorker();
    const spec = await newSpec();
    const first = await waitFor("the sandbox to run", () => liveSandbox(spec.id));
    const pid = h.agentPid(first.id);
    await worker.stop();
    expect(isAlive(pid)).toBe(false);
    expect((await lib.db.sandbox.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("stopped");
    expect((await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } })).respawnCount).toBe(0);
    // Handed back as a queued spawn job (committed with the sandbox's end, picked up by whoever runs next).
    const queued = await lib.db.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'spawn_spec_sandbox' AND key = 'spawn-spec:' || $1 AND locked_at IS NULL`,
      spec.id,
    );
    expect(Number(queued[0]!.count)).toBe(1);

    await startInProcessWorker();
    const resumed = await waitFor("the next worker to resume the spec", async () => {
      const live = await liveSandbox(spec.id);
      return live && live.id !== first.id && live;
    });
    expect(resumed.startPhase).toBe("explore");
  }, 30_000);

  it("starts one sandbox however many spawns race for the same spec", async () => {
    mode = "busy";
    const spec = await newSpec();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => lib.spawnSpecSandbox({ specId: spec.id })));
    expect(outcomes.filter((outcome) => outcome.spawned)).toHaveLength(1);
    expect(await lib.db.sandbox.count({ where: { specId: spec.id } })).toBe(1);
  }, 30_000);

  it("starts one sandbox when two workers run duplicate spawn jobs of one spec", async () => {
    mode = "busy";
    await h.stopWorkers();
    const user = await lib.createTestUser();
    const project = await lib.createTestProject(user.id);
    const spec = await lib.db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });
    // Four jobs without a shared key (as if enqueued by separate code paths), then two workers at once.
    for (let i = 0; i < 4; i++) {
      await lib.db.$executeRawUnsafe(`SELECT graphile_worker.add_job('spawn_spec_sandbox', $1::json)`, JSON.stringify({ specId: spec.id }));
    }
    await Promise.all([startInProcessWorker(), startInProcessWorker()]);
    await waitFor("the jobs to be done", async () => {
      const left = await lib.db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) FROM graphile_worker._private_jobs WHERE payload->>'specId' = $1`, spec.id);
      return Number(left[0]!.count) === 0;
    });
    expect(await lib.db.sandbox.count({ where: { specId: spec.id } })).toBe(1);
  }, 30_000);

  it("fails the spec with the reason once its sandbox was lost more often than allowed", async () => {
    const user = await lib.createTestUser();
    const project = await lib.createTestProject(user.id);
    const spec = await lib.db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });
    for (let crash = 1; crash <= 4; crash++) {
      const sandbox = await lib.db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running" } });
      expect(await lib.markSandboxLost({ sandboxId: sandbox.id, reason: `crash ${crash}` })).toBe(true);
      // A second notice of the same loss changes nothing.
      expect(await lib.markSandboxLost({ sandboxId: sandbox.id, reason: "again" })).toBe(false);
    }
    const failed = await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(failed.generationStatus).toBe("failed");
    expect(failed.respawnCount).toBe(3);
    expect(failed.lastError).toMatch(/lost 4 times; last: crash 4/);
    expect(await eventTypes(spec.id)).toContain("spec.execution_failed");
  });
});
