import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { createDaytonaProvider, agentSessionId } from "@/lib/sandbox/daytona-provider";
import { setSandboxProvider } from "@/lib/sandbox/get-sandbox-provider";
import { reapSandboxes } from "@/lib/sandbox/reap-sandboxes";
import type { SandboxProvider } from "@/lib/sandbox/sandbox-provider";
import { spawnSpecSandbox } from "@/lib/sandbox/spawn-spec-sandbox";
import { startFakeDaytona, type FakeDaytona } from "@/test/fake-daytona/fake-daytona-server";
import { createTestProject, createTestUser } from "@/test/factories";

// The worker's spawn → probe → recover → clean-up path with the real Daytona SDK against the loopback fake.
const API_KEY = "dtn_worker_test_key_0123456789";
const GITHUB_TOKEN = "ghp_worker_test_token_abcdef012345";
let fake: FakeDaytona;
let provider: SandboxProvider;
let tempDir: string;

beforeAll(async () => {
  fake = await startFakeDaytona({ apiKey: API_KEY });
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-daytona-worker-"));
  const bundle = path.join(tempDir, "omoi-agent.mjs");
  fs.writeFileSync(bundle, "// agent bundle\n");
  process.env.OMOIOS_PUBLIC_URL = "https://omoios.example.test";
  reloadEnv();
  provider = createDaytonaProvider({
    apiKey: API_KEY,
    apiUrl: fake.apiUrl,
    snapshot: "omoi-node20",
    autoStopMinutes: 30,
    agentBundlePath: bundle,
    gitCredentials: { username: "x-access-token", password: GITHUB_TOKEN },
  });
  setSandboxProvider(provider);
});

afterAll(async () => {
  await fake?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("spec sandboxes on Daytona", () => {
  it("spawns with labels, a credentialed clone and the env contract; an exited agent is noticed, re-spawned and cleaned up", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { repoUrl: "https://github.com/acme/shop.git", defaultBranch: "main" });
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });

    const outcome = await spawnSpecSandbox({ specId: spec.id, provider });
    expect(outcome.spawned).toBe(true);
    const row = await db.sandbox.findFirstOrThrow({ where: { specId: spec.id } });
    expect(row).toMatchObject({ provider: "daytona", status: "running", logPath: null });
    const remote = fake.sandboxes.get(row.externalId!)!;
    expect(remote.labels).toMatchObject({ "omoios.project": project.id, "omoios.spec": spec.id, "omoios.sandbox": row.id, "omoios.purpose": "spec" });
    expect(remote.clones[0]).toMatchObject({ url: "https://github.com/acme/shop.git", branch: "main" });

    // The contract (with the agent's own token) arrives as a 0600 file; the command only names it, and carries
    // nothing else of ours.
    const envFile = "/home/daytona/.omoi/agent-env.json";
    const contract = JSON.parse(remote.files.get(envFile)!.toString("utf8"));
    expect(contract).toMatchObject({ OMOIOS_SANDBOX_ID: row.id, OMOIOS_API_URL: "https://omoios.example.test" });
    expect(contract.OMOIOS_SANDBOX_TOKEN).toMatch(/^omoisbx_/);
    expect(remote.modes.get(envFile)).toBe("600");
    const command = [...remote.sessions.get(agentSessionId(row.id))!.commands][0]!.command;
    expect(command.startsWith("env -i ")).toBe(true);
    expect(command).toContain(`OMOIOS_ENV_FILE='${envFile}'`);
    for (const secret of [contract.OMOIOS_SANDBOX_TOKEN, API_KEY, GITHUB_TOKEN, process.env.NEXTAUTH_SECRET!, process.env.DATABASE_URL!]) {
      expect(command).not.toContain(secret);
    }
    // Server secrets reach Daytona in no request body (the API key only as its own Authorization header).
    const bodies = JSON.stringify(fake.requests.map((request) => request.body ?? null));
    for (const secret of [API_KEY, process.env.NEXTAUTH_SECRET!, process.env.DATABASE_URL!]) expect(bodies).not.toContain(secret);
    // The git token went only into the clone call's credentials, never into a URL.
    expect(fake.requests.every((request) => !request.path.includes(GITHUB_TOKEN))).toBe(true);

    // Still running: the reaper leaves it alone. Then the agent dies without reporting.
    expect((await reapSandboxes({ heartbeatTimeoutSeconds: 60 })).lost).not.toContain(row.id);
    fake.finishCommand(row.externalId!, agentSessionId(row.id), { exitCode: 1, stderr: "boom" });
    const pass = await reapSandboxes({ heartbeatTimeoutSeconds: 60, cleanupGraceMs: 0 });
    expect(pass.lost).toContain(row.id);
    const lost = await db.sandbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(lost).toMatchObject({ status: "lost", exitCode: 1 });
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).respawnCount).toBe(1);

    // The next pass removes the remote sandbox.
    const cleanup = await reapSandboxes({ heartbeatTimeoutSeconds: 60, cleanupGraceMs: 0 });
    expect([...pass.destroyed, ...cleanup.destroyed]).toContain(row.id);
    expect(remote.deleted).toBe(true);
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: row.id } })).destroyedAt).not.toBeNull();
  });

  it("records a failed start (Daytona error) as a failed sandbox and schedules another try", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });
    fake.failNext("/api/sandbox", 500, { method: "POST", message: "capacity exhausted" });
    const outcome = await spawnSpecSandbox({ specId: spec.id, provider });
    expect(outcome).toEqual({ spawned: false, reason: "start_failed" });
    const row = await db.sandbox.findFirstOrThrow({ where: { specId: spec.id } });
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/could not start the sandbox \(preparing the workspace\): daytona create failed/);
    expect(row.error).not.toContain(API_KEY);
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).respawnCount).toBe(1);
  });

  it("rides out Daytona API errors: a failing status check loses nothing, a failing delete is tried again", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });
    expect((await spawnSpecSandbox({ specId: spec.id, provider })).spawned).toBe(true);
    const row = await db.sandbox.findFirstOrThrow({ where: { specId: spec.id } });

    // Daytona's API answers 502/503 for a while: the sandbox's state is unknown, so nothing is decided.
    for (let i = 0; i < 3; i++) fake.failNext(`/sandbox/${row.externalId}`, i % 2 ? 503 : 502, { method: "GET", message: "bad gateway" });
    for (let pass = 0; pass < 3; pass++) expect((await reapSandboxes({ heartbeatTimeoutSeconds: 60, cleanupGraceMs: 0 })).lost).not.toContain(row.id);
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("running");
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).respawnCount).toBe(0);

    // The agent exits; the delete of its sandbox fails once, and the next pass deletes it.
    fake.finishCommand(row.externalId!, agentSessionId(row.id), { exitCode: 0 });
    fake.failNext(`/sandbox/${row.externalId}`, 500, { method: "DELETE", message: "internal error" });
    const first = await reapSandboxes({ heartbeatTimeoutSeconds: 60, cleanupGraceMs: 0 });
    expect(first.lost).toContain(row.id);
    const second = await reapSandboxes({ heartbeatTimeoutSeconds: 60, cleanupGraceMs: 0 });
    expect([...first.destroyed, ...second.destroyed].filter((id) => id === row.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "DELETE" && r.path.includes(row.externalId!)).length).toBeGreaterThanOrEqual(2);
    expect(fake.sandboxes.get(row.externalId!)!.deleted).toBe(true);
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: row.id } })).destroyedAt).not.toBeNull();
  });
});
