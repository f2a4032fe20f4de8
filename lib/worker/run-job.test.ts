import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { isPermanentJobFailure, runJob } from "@/lib/worker/run-job";

// A real graphile-worker on a database of this file's own (only its queue schema): which failures it retries is
// decided by what runJob lets through, so that is what is checked here, end to end.
let databaseUrl: string;
let client: pg.Client;
let runner: Runner;
const events = new EventEmitter() as WorkerEvents;
/** Every attempt each test job made, by its `name` payload field. */
const attempts = new Map<string, number>();
const count = (name: string) => attempts.set(name, (attempts.get(name) ?? 0) + 1).get(name)!;

const lostConnection = () => Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
const payload = z.object({ name: z.string(), failWith: z.enum(["none", "not_found", "conflict", "lost_connection", "internal", "rate_limited"]) });

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  const database = `omoios_run_job_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  databaseUrl = Object.assign(new URL(inject("adminUrl")), { pathname: `/${database}` }).toString();
  await installJobQueue(databaseUrl);
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  runner = await run({
    connectionString: databaseUrl,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: 100,
    events,
    logger: new Logger(() => () => {}),
    taskList: {
      flaky: runJob(payload, async ({ name, failWith }) => {
        const attempt = count(name);
        if (failWith === "none") return;
        // Transient failures pass on their second attempt; permanent ones never would.
        if (failWith === "lost_connection" && attempt === 1) throw lostConnection();
        if (failWith === "internal" && attempt === 1) throw new Error("a bug, or something unknown");
        if (failWith === "rate_limited" && attempt === 1) throw new AppError("rate_limited", "slow down");
        if (failWith === "not_found") throw new AppError("not_found", "the spec no longer exists");
        if (failWith === "conflict") throw new AppError("conflict", "already done");
      }),
    },
  });
});

afterAll(async () => {
  await runner?.stop();
  await client?.end();
});

async function addJob(body: unknown, maxAttempts = 5): Promise<string> {
  const { rows } = await client.query<{ id: string }>("SELECT id FROM graphile_worker.add_job('flaky', $1::json, max_attempts := $2)", [
    JSON.stringify(body),
    maxAttempts,
  ]);
  return String(rows[0]!.id);
}

/** Completed jobs are deleted; a failed attempt stays (attempts, last_error) until its retry. */
const jobGone = (id: string) => waitUntil(`job ${id} to leave the table`, async () => (await jobRow(id)) === undefined, 5_000);

const jobRow = async (id: string) =>
  (await client.query<{ attempts: number; last_error: string | null }>("SELECT attempts, last_error FROM graphile_worker.jobs WHERE id = $1", [id])).rows[0];

/**
 * Every job's `job:complete`, by job id: the error it ended with, if any. graphile-worker emits it before its batched
 * write-back lands, so tests wait for the row to go (jobGone) as well.
 */
const completions = new Map<string, { error: unknown }>();
events.on("job:complete", ({ job, error }) => void completions.set(String(job.id), { error }));

async function completionOf(id: string): Promise<{ error: unknown }> {
  await waitUntil(`job ${id} to complete`, async () => completions.has(id));
  return completions.get(id)!;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("runJob", () => {
  it("completes a job whose payload fails its schema after one attempt: it is gone from the jobs table", async () => {
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const previousLevel = process.env.OMOIOS_LOG_LEVEL;
    process.env.OMOIOS_LOG_LEVEL = "warn";
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (stderr.push(String(chunk)), write(chunk, ...rest))) as typeof process.stderr.write;
    try {
      const id = await addJob({ name: 42 });
      const { error } = await completionOf(id);
      expect(error).toBeFalsy();
      await jobGone(id);
      const line = stderr.map((text) => text.trim()).find((text) => text.includes("job failed permanently"));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ level: "warn", task: "flaky", jobId: id, attempt: 1, reason: expect.stringMatching(/^invalid payload: .*name/) });
    } finally {
      process.stderr.write = write;
      process.env.OMOIOS_LOG_LEVEL = previousLevel;
    }
  });

  it("completes a job that fails permanently (not_found, conflict) without retrying it", async () => {
    const kinds = ["not_found", "conflict"] as const;
    const ids: string[] = [];
    for (const failWith of kinds) ids.push(await addJob({ name: `permanent-${failWith}`, failWith }));
    for (const id of ids) {
      expect((await completionOf(id)).error).toBeFalsy();
      await jobGone(id);
    }
    // Nothing comes back later either: graphile-worker's first retry would be ~2.7 s after the failure.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    for (const failWith of kinds) expect(attempts.get(`permanent-${failWith}`)).toBe(1);
  });

  it("lets a transient failure (lost connection, unknown error, 429) through, so graphile-worker retries it", async () => {
    const ids: { failWith: string; id: string }[] = [];
    for (const failWith of ["lost_connection", "internal", "rate_limited"] as const) ids.push({ failWith, id: await addJob({ name: `transient-${failWith}`, failWith }) });
    for (const { id } of ids) {
      // The first attempt fails and is written back as a failure, with its error, for a later retry.
      await waitUntil("the first attempt to fail", async () => (await jobRow(id))?.last_error != null);
      expect(await jobRow(id)).toMatchObject({ attempts: 1 });
    }
    for (const { failWith, id } of ids) {
      await waitUntil("the retry to succeed", async () => (await jobRow(id)) === undefined);
      expect(attempts.get(`transient-${failWith}`)).toBe(2);
    }
  });

  it("classifies failures by the status they map to", () => {
    expect(isPermanentJobFailure(new z.ZodError([]))).toBe(true);
    expect(isPermanentJobFailure(new AppError("forbidden", "no"))).toBe(true);
    expect(isPermanentJobFailure(new AppError("validation_failed", "bad"))).toBe(true);
    // Prisma's "record not found", matched by its code.
    expect(isPermanentJobFailure(Object.assign(new Error("No record was found"), { code: "P2025" }))).toBe(true);
    expect(isPermanentJobFailure(new AppError("rate_limited", "later"))).toBe(false);
    expect(isPermanentJobFailure(new AppError("service_unavailable", "later"))).toBe(false);
    expect(isPermanentJobFailure(lostConnection())).toBe(false);
    expect(isPermanentJobFailure(new Error("fetch failed"))).toBe(false);
  });
});
