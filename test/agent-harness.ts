import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { reloadEnv } from "@/lib/env";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import type { RunningWorker } from "@/lib/worker/start-worker";
import { startTestAppServer, type TestAppServer } from "@/test/app-server";
import { startFakeAnthropic, type FakeAnthropic, type FakeScript } from "@/test/fake-anthropic/fake-anthropic-server";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

/**
 * Everything a test needs to run real agents: its own database (so its workers never pick up another file's jobs),
 * the fake model behind the real proxy, the real sandbox routes over HTTP, a sandbox root, a sample repository, and
 * workers. Call `startAgentHarness` in beforeAll before importing anything that reads the environment.
 */
export interface AgentHarness {
  databaseUrl: string;
  serverKey: string;
  fake: FakeAnthropic;
  app: TestAppServer;
  sandboxRoot: string;
  sampleRepo: string;
  heartbeatTimeoutSeconds: number;
  startWorker(): Promise<RunningWorker>;
  stopWorkers(): Promise<void>;
  agentPid(sandboxId: string): number;
  close(): Promise<void>;
}

export async function startAgentHarness({
  name,
  script,
  heartbeatTimeoutSeconds = 2,
  adminUrl = inject("adminUrl"),
}: {
  name: string;
  script: FakeScript;
  heartbeatTimeoutSeconds?: number;
  /** A PostgreSQL server of the test's own (to restart it); default: the run's shared one. */
  adminUrl?: string;
}): Promise<AgentHarness> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const database = `omoios_${name}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  await migrate({ connectionString: databaseUrl });
  await installJobQueue(databaseUrl);

  const serverKey = `sk-ant-${name}-server-key-0001`;
  const fake = await startFakeAnthropic({ expectedApiKey: serverKey, validate: false, script });
  const sandboxRoot = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-sandboxes-"));
  // The server's own state (the projects' mirrors) of this test, not the checkout's .data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-data-"));
  const sampleRepo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-sample-repo-")));
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    ANTHROPIC_API_KEY: serverKey,
    ANTHROPIC_BASE_URL: fake.url,
    SANDBOX_ROOT: sandboxRoot,
    OMOIOS_DATA_DIR: dataDir,
    SANDBOX_HEARTBEAT_SECONDS: "0.25",
    SANDBOX_HEARTBEAT_TIMEOUT_SECONDS: String(heartbeatTimeoutSeconds),
    LOCAL_SANDBOX_MAX: "10",
    NEXTAUTH_URL: "http://localhost:3000",
    // Test users are ordinary tenants (test/factories.ts); their repositories are made in the temp folder.
    LOCAL_REPO_ROOTS: process.env.LOCAL_REPO_ROOTS ?? os.tmpdir(),
  });
  const app = await startTestAppServer();
  process.env.OMOIOS_PUBLIC_URL = app.url;
  reloadEnv();

  const { startWorker } = await import("@/lib/worker/start-worker");
  const workers: RunningWorker[] = [];
  const agentPid = (sandboxId: string) => Number(fs.readFileSync(path.join(sandboxRoot, sandboxId, "agent.pid"), "utf8").split(" ")[0]);
  const harness: AgentHarness = {
    databaseUrl,
    serverKey,
    fake,
    app,
    sandboxRoot,
    sampleRepo,
    heartbeatTimeoutSeconds,
    agentPid,
    async startWorker() {
      const worker = await startWorker({ connectionString: databaseUrl, reaperIntervalMs: 200, cleanupGraceMs: 0, pollIntervalMs: 200, heartbeatTimeoutSeconds });
      workers.push(worker);
      return worker;
    },
    async stopWorkers() {
      for (const worker of workers.splice(0)) await worker.stop();
    },
    async close() {
      await harness.stopWorkers();
      // No agent may outlive the tests.
      for (const name of fs.existsSync(sandboxRoot) ? fs.readdirSync(sandboxRoot) : []) {
        if (!fs.existsSync(path.join(sandboxRoot, name, "agent.pid"))) continue;
        const pid = agentPid(name);
        // The whole group: a confined agent's bubblewrap and everything in its sandbox.
        if (isAlive(pid)) process.kill(-pid, "SIGKILL");
      }
      await app.close();
      await fake.stop();
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
      fs.rmSync(sandboxRoot, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(sampleRepo, { recursive: true, force: true });
    },
  };
  return harness;
}

export function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
