// Benchmark: the board view with 2,000 tickets, and dispatch latency ("last dependency done" → next sandbox running).
//   npx tsx bench/board-dispatch.ts [--tickets 2000] [--views 300] [--dispatches 10]
// Board: GET /api/v1/board/view through its route handler in-process (API-key auth, membership, one query, JSON),
// next to the same SELECT on raw pg (the route's own statement, JSON-encoded). Dispatch: a real worker (graphile-worker, local sandboxes, the real agent bundle)
// is running; the clock starts when the dependency's ticket becomes done and the dispatch job is enqueued (what
// finish_task does) and stops when the dependent task's sandbox is `running`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { buildAgentBundle } from "@/scripts/build-agent";
import { numberArg, percentile } from "@/bench/bench-utils";

const TICKETS = numberArg("tickets", 2000);
const VIEWS = numberArg("views", 300);
const DISPATCHES = numberArg("dispatches", 10);

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-board-"));
  fs.chmodSync(dataDir, 0o755);
  const database = await prepareDatabase({ dataDir, database: "bench" });
  const { outfile } = await buildAgentBundle(path.join(dataDir, "omoi-agent.mjs"));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-0123456789",
    NEXTAUTH_URL: "http://localhost:1", // agents' events go nowhere: only the start is measured
    OMOIOS_AGENT_BUNDLE: outfile,
    SANDBOX_ROOT: path.join(dataDir, "sandboxes"),
    LOCAL_SANDBOX_MAX: "50",
    SANDBOX_HEARTBEAT_TIMEOUT_SECONDS: "3600",
  });
  const { db, disconnectDb } = await import("@/lib/db/client");
  const { getPgPool } = await import("@/lib/db/pg-pool");
  const { createUser } = await import("@/lib/users/create-user");
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  const boardRoute = await import("@/app/api/v1/board/view/route");
  const { startWorker } = await import("@/lib/worker/start-worker");
  const { enqueueDispatch } = await import("@/lib/jobs/enqueue-dispatch");
  const { BOARD_TICKETS_SQL } = await import("@/lib/tickets/get-board-view");

  const user = await createUser({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "correct horse battery" });
  const { orgId } = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
  const { key } = await createApiKey({ userId: user.id, input: { name: "bench", scopes: ["read", "write"] } });
  const project = await db.project.create({ data: { orgId, name: "board", ticketSeq: TICKETS } });
  const statuses = ["backlog", "analyzing", "building", "testing", "done"] as const;
  await db.ticket.createMany({
    data: Array.from({ length: TICKETS }, (_, i) => ({
      projectId: project.id,
      userId: user.id,
      key: `OMOI-${i + 1}`,
      number: i + 1,
      title: `Ticket number ${i + 1} with a realistic title`,
      description: "A description of a few lines.\n".repeat(8),
      status: statuses[i % 5],
      position: i,
    })),
  });
  const ids = (await db.ticket.findMany({ where: { projectId: project.id }, select: { id: true }, orderBy: { number: "asc" } })).map((t) => t.id);
  await db.ticketDependency.createMany({ data: ids.slice(1).map((id, i) => ({ ticketId: id, dependsOnId: ids[i]! })) });

  // Board: the route in-process vs raw pg, interleaved.
  const view = async () => {
    const started = performance.now();
    const response = await boardRoute.GET(new Request(`http://localhost/api/v1/board/view?projectId=${project.id}`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({}),
    });
    const body = (await response.json()) as { columns: { count: number }[] };
    if (body.columns.reduce((sum, c) => sum + c.count, 0) !== TICKETS) throw new Error("board view is missing tickets");
    return performance.now() - started;
  };
  const raw = async () => {
    const started = performance.now();
    const { rows } = await getPgPool().query<{ tickets: string }>(BOARD_TICKETS_SQL, [project.id, "all", user.id, null]);
    rows.map((row) => row.tickets).join(",");
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await Promise.all([view(), raw()]);
  const api: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < VIEWS; i++) {
    api.push(await view());
    base.push(await raw());
  }

  // Dispatch: pairs A → B; A done, dispatch enqueued, B's sandbox running.
  const worker = await startWorker({ connectionString: database.url, reaperIntervalMs: 3_600_000 });
  const latencies: number[] = [];
  const dispatchProject = await db.project.create({ data: { orgId, name: "dispatch", maxConcurrentTasks: 50 } });
  for (let i = 0; i < DISPATCHES; i++) {
    const a = await db.ticket.create({ data: { projectId: dispatchProject.id, userId: user.id, key: `D-${2 * i + 1}`, number: 2 * i + 1, title: "A", status: "testing" } });
    const b = await db.ticket.create({
      data: { projectId: dispatchProject.id, userId: user.id, key: `D-${2 * i + 2}`, number: 2 * i + 2, title: "B", dependsOn: { create: { dependsOnId: a.id } }, tasks: { create: { kind: "quick", status: "queued", queuedAt: new Date() } } },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    await db.ticket.update({ where: { id: a.id }, data: { status: "done" } });
    await enqueueDispatch();
    for (;;) {
      const task = await db.task.findFirst({ where: { ticketId: b.id }, include: { sandbox: { select: { status: true } } } });
      if (task?.sandbox?.status === "running") break;
      if (performance.now() - started > 30_000) throw new Error("dispatch did not start the sandbox within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    latencies.push(performance.now() - started);
  }
  // End the agents this benchmark started.
  const { markSandboxLost } = await import("@/lib/sandbox/mark-sandbox-lost");
  for (const sandbox of await db.sandbox.findMany({ where: { status: { in: ["creating", "running"] } }, select: { id: true } })) {
    await markSandboxLost({ sandboxId: sandbox.id, status: "stopped", countsAsCrash: false, reason: "benchmark over" });
  }
  await worker.stop();

  const figures = {
    board: { tickets: TICKETS, views: VIEWS, apiP50: percentile(api, 50), apiP99: percentile(api, 99), rawP50: percentile(base, 50), rawP99: percentile(base, 99), ratioP50: percentile(api, 50) / percentile(base, 50) },
    dispatch: { runs: DISPATCHES, p50: percentile(latencies, 50), max: Math.max(...latencies) },
  };
  console.log(`board view, ${TICKETS} tickets (${VIEWS} requests): route p50 ${ms(figures.board.apiP50)}, p99 ${ms(figures.board.apiP99)}; raw pg p50 ${ms(figures.board.rawP50)}, p99 ${ms(figures.board.rawP99)}; ratio p50 ${figures.board.ratioP50.toFixed(2)} (target p99 < 50 ms)`);
  console.log(`dispatch, dependency done → next sandbox running (${DISPATCHES} runs): p50 ${ms(figures.dispatch.p50)}, max ${ms(figures.dispatch.max)} (target p50 < 1 s)`);
  console.log(JSON.stringify(figures));
  await disconnectDb();
  await getPgPool().end();
  await database.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
