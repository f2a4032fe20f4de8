import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { reloadEnv } from "@/lib/env";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import type { RunningWorker } from "@/lib/worker/start-worker";

// The real worker (graphile-worker, its task list and crontab) on a database of this file's own, so no other test's
// jobs run here. reapSandboxes is the real one, only counted: how many passes ran, across every worker.
vi.mock("@/lib/sandbox/reap-sandboxes", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/sandbox/reap-sandboxes")>();
  return { ...original, reapSandboxes: vi.fn(original.reapSandboxes) };
});

let client: pg.Client;
let lib: {
  startWorker: typeof import("@/lib/worker/start-worker").startWorker;
  db: typeof import("@/lib/db/client").db;
  reapSandboxes: typeof import("@/lib/sandbox/reap-sandboxes").reapSandboxes & { mock: { calls: unknown[] } };
};
let databaseUrl: string;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  const database = `omoios_start_worker_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  databaseUrl = Object.assign(new URL(inject("adminUrl")), { pathname: `/${database}` }).toString();
  await migrate({ connectionString: databaseUrl });
  await installJobQueue(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  reloadEnv();
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  lib = {
    startWorker: (await import("@/lib/worker/start-worker")).startWorker,
    db: (await import("@/lib/db/client")).db,
    reapSandboxes: (await import("@/lib/sandbox/reap-sandboxes")).reapSandboxes as never,
  };
});

afterAll(async () => {
  await stopWorkers();
  await client?.end();
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
});

async function startWorkers(count: number, reaperIntervalMs: number) {
  for (let i = 0; i < count; i++) workers.push(await lib.startWorker({ connectionString: databaseUrl, reaperIntervalMs, cleanupGraceMs: 0, pollIntervalMs: 200 }));
}

async function stopWorkers() {
  for (const worker of workers.splice(0)) await worker.stop();
}

/** A sandbox that ended a minute ago and still holds its resources: the next reaper pass marks it destroyed. */
const endedSandbox = () => lib.db.sandbox.create({ data: { purpose: "spec", status: "stopped", endedAt: new Date(Date.now() - 60_000) } });
const destroyedAt = async (id: string) => (await lib.db.sandbox.findUniqueOrThrow({ where: { id } })).destroyedAt;

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const jobsOf = async (task: string) =>
  (await client.query<{ id: string; run_at: Date; locked_at: Date | null; last_error: string | null }>(
    "SELECT id, run_at, locked_at, last_error FROM graphile_worker.jobs WHERE task_identifier = $1",
    [task],
  )).rows;

describe("the worker's reaper, a graphile-worker cron item", () => {
  it("is registered in graphile-worker's crontab and runs on the minute, once across two workers", { timeout: 100_000 }, async () => {
    // A minute or more: the cron item alone is the schedule (nothing booked at start).
    await startWorkers(2, 60_000);
    const known = await waitFor(
      "the cron item to be known",
      async () => (await client.query("SELECT identifier, last_execution FROM graphile_worker._private_known_crontabs WHERE identifier = 'reap_sandboxes'")).rows[0],
      10_000,
    );
    expect(known).toBeDefined();
    expect(await jobsOf("reap_sandboxes")).toEqual([]);

    const sandbox = await endedSandbox();
    const before = vi.mocked(lib.reapSandboxes).mock.calls.length;
    // The next minute's tick (at most a minute away), plus the poll interval and the pass itself.
    await waitFor("a cron-scheduled reaper pass", () => destroyedAt(sandbox.id), 70_000);
    expect((await client.query("SELECT last_execution FROM graphile_worker._private_known_crontabs WHERE identifier = 'reap_sandboxes'")).rows[0]
      .last_execution).not.toBeNull();
    // Two workers, one tick: one pass (a second one would have come within the poll interval).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(vi.mocked(lib.reapSandboxes).mock.calls.length - before).toBe(1);
    await stopWorkers();
  });

  it("below a minute, each pass books the next: one pending reaper job across workers, one chain of passes", async () => {
    const before = vi.mocked(lib.reapSandboxes).mock.calls.length;
    const started = Date.now();
    await startWorkers(2, 500);
    const sandbox = await endedSandbox();
    await waitFor("a booked reaper pass", () => destroyedAt(sandbox.id), 5_000);
    for (let i = 0; i < 20; i++) {
      // Never two pending passes, however many workers book them.
      expect((await jobsOf("reap_sandboxes")).filter((job) => !job.locked_at).length).toBeLessThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stopWorkers();
    const elapsed = Date.now() - started;
    const passes = vi.mocked(lib.reapSandboxes).mock.calls.length - before;
    // One chain makes at most one pass per 500 ms (each books the next 500 ms after it starts); a chain per worker
    // would make about twice that.
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(passes).toBeLessThanOrEqual(Math.floor(elapsed / 500) + 1);
  });
});

describe("jobs that fail permanently", () => {
  it("a job of the real task list with a bad payload runs once and is gone, not retried", async () => {
    await startWorkers(1, 3_600_000);
    const { rows } = await client.query<{ id: string }>("SELECT id FROM graphile_worker.add_job('finish_task', '{\"taskId\": 7}'::json, max_attempts := 5)");
    const id = String(rows[0]!.id);
    // A failed attempt would stay in the table (attempts 1, last_error set, run_at ~2.7 s later) until retried.
    await waitFor("the job to be done", async () => (await client.query("SELECT 1 FROM graphile_worker.jobs WHERE id = $1", [id])).rowCount === 0, 10_000);
    await stopWorkers();
  });
});
