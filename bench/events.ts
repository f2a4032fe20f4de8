// Benchmark: the sandbox events pipeline against the production web server, next to a raw `pg` baseline, in one run.
//   npx tsx bench/events.ts [--events 100000] [--pollers 100] [--seconds 20] [--spec-events 50000] [--spawns 10] [--profile]
// 1. Ingestion: 20 senders POST batches of 50 agent.message events (POST /api/v1/sandboxes/{id}/events, sandbox
//    token) vs. the same 20 senders doing a 50-row INSERT each through a pg.Pool of 20.
// 2. Polling: 100 pollers like the spec page (catch up with ?limit=500 pages, then a tail poll every second) on a
//    spec of 50,000 events while ~20 events/s arrive through the API (GET /api/v1/specs/{id}/events, API key), plus
//    a closed loop of tail polls; vs. the same SELECT (list-events.ts) through raw pg at the same rate.
// 3. Local sandbox spawn → first agent event, in this process (spawnSpecSandbox with the local provider), vs. a
//    bare `node -e 0` and `node <bundle> --help` start.
// Plus, to show where the time goes: a sequential breakdown (raw SQL → the service → the route handler in this
// process → HTTP through the server), CPU per request of the server, PostgreSQL and the bench (from /proc), the
// plans PostgreSQL picks for the list query, and with --profile a CPU profile of the server by package.
// Phases run one after another (the machine has 2 cores). See bench/README.md.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { buildAgentBundle } from "@/scripts/build-agent";
import { startFakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { numberArg, percentile, postgresCpuMs, processCpuMs } from "@/bench/bench-utils";

const EVENTS = numberArg("events", 100_000);
const POLLERS = numberArg("pollers", 100);
const SECONDS = numberArg("seconds", 20);
const SPEC_EVENTS = numberArg("spec-events", 50_000);
const SPAWNS = numberArg("spawns", 10);
/** CPU-profile the server (node --cpu-prof) and print where its time went, by package and by function. */
const PROFILE = process.argv.includes("--profile");
const SENDERS = 20;
const BATCH = 50;
const PAGE = 500;
const CLOSED_LOOP_SECONDS = 5;
const BREAKDOWN_CALLS = 200;

const round = (value: number, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
const stats = (values: number[]) => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p99: round(percentile(values, 99)),
  max: round(values.length ? Math.max(...values) : NaN),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number | null | undefined) => (value === null || value === undefined ? "–" : `${value.toFixed(2)} ms`);

// ~200 characters of agent prose, varied per event so rows do not compress to nothing.
const PROSE =
  "Looked at lib/events/ingest-events.ts and the route that calls it; the batch is validated once, stored in one " +
  "statement under the stream's advisory lock, and the sandbox's heartbeat is refreshed in the same round trip. ";
const messageText = (tag: string) => `${tag} ${PROSE}`.slice(0, 200);

function readVmHWM(pid: number | "self"): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded PostgreSQL's postmaster (found by its port) and the CPU of it and all its backends, in ms. */
function findPostmaster(port: string): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0]?.endsWith("/postgres") && argv.includes("-p") && argv[argv.indexOf("-p") + 1] === port) return Number(entry);
    } catch {}
  }
  return null;
}

/** Self time of a V8 .cpuprofile, by bucket (package or area) and by function. */
function summarizeProfile(file: string) {
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const bucketOf = (node: Node) => {
    const { url, functionName } = node.callFrame;
    if (!url) return functionName.startsWith("(") ? functionName : "native/V8 builtins";
    if (url.startsWith("node:")) return "node internals";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    if (url.includes("/lib/generated/prisma/")) return "prisma client (lib/generated)";
    if (url.includes("/.next/server/")) return ".next/server (app code + bundled deps)";
    return "other";
  };
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, time] of self) {
    const node = byId.get(id)!;
    // Idle, and the wait for `next build` (spawnSync) when the server built the app first.
    if (node.callFrame.functionName === "(idle)" || node.callFrame.functionName === "spawnSync") continue;
    total += time;
    const bucket = bucketOf(node);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + time);
    const name = `${node.callFrame.functionName || "(anonymous)"} ${path.basename(node.callFrame.url || "")}:${node.callFrame.lineNumber + 1}`;
    functions.set(`${bucket} › ${name}`, (functions.get(`${bucket} › ${name}`) ?? 0) + time);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, time]) => ({ name, ms: Math.round(time), percent: round((100 * time) / total, 1) }));
  return { busyMs: Math.round(total), buckets: top(buckets, 12), functions: top(functions, 30) };
}

/** Start of a process to its exit, in ms. */
function timeProcess(args: string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(performance.now() - t));
  });
}

const benchStart = performance.now();
const say = (line: string) => process.stdout.write(`[${((performance.now() - benchStart) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-events-"));
  fs.chmodSync(dataDir, 0o755);
  const sandboxRoot = path.join(dataDir, "sandboxes");
  const serverLogPath = path.join(dataDir, "server.log");
  const cleanups: (() => Promise<void> | void)[] = [];
  const agentPids = new Set<number>();
  let server: ChildProcess | undefined;
  let serverExit: Promise<unknown> | undefined;

  const cleanup = async () => {
    for (const pid of agentPids) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
    }
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
      const killed = await Promise.race([serverExit, sleep(20_000).then(() => "timeout")]);
      if (killed === "timeout") {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {}
        await serverExit;
      }
    }
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    await run();
  } finally {
    await cleanup();
  }

  async function run() {
    const fake = await startFakeAnthropic({
      expectedApiKey: "bench-server-key",
      validate: false,
      script: () => ({ content: [{ type: "tool_use", name: "complete_task", input: { summary: "ok" } }], latencyMs: 50 }),
    });
    cleanups.push(() => fake.stop());
    const database = await prepareDatabase({ dataDir, database: "bench" });
    cleanups.push(() => database.stop());
    const port = await findFreePort(3400);
    const baseUrl = `http://localhost:${port}`;
    const { outfile: bundlePath, bytes: bundleBytes } = await buildAgentBundle(path.join(dataDir, "omoi-agent.mjs"));

    // lib/env.ts parses the environment once: everything is set before any lib module is loaded.
    const shared = {
      DATABASE_URL: database.url,
      NEXTAUTH_URL: baseUrl,
      OMOIOS_PUBLIC_URL: baseUrl,
      NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-000000",
      OMOIOS_DATA_DIR: dataDir,
      OMOIOS_AGENT_BUNDLE: bundlePath,
      SANDBOX_ROOT: sandboxRoot,
      LOCAL_SANDBOX_MAX: "20",
      // The bench's ingestion and polling sandboxes run no agent: keep the server's reaper away from them.
      SANDBOX_HEARTBEAT_TIMEOUT_SECONDS: "3600",
      // The bench drives one API key and each sandbox far past any real client (closed loops): no rate limits.
      API_KEY_RATE_LIMIT_PER_MINUTE: "0",
      SANDBOX_RATE_LIMIT_PER_MINUTE: "0",
    };
    Object.assign(process.env, shared);

    const { db, disconnectDb } = await import("@/lib/db/client");
    cleanups.push(() => disconnectDb());
    const { getPgPool } = await import("@/lib/db/pg-pool");
    cleanups.push(() => getPgPool().end());
    const { createUser } = await import("@/lib/users/create-user");
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const { issueSandboxToken } = await import("@/lib/auth/issue-sandbox-token");
    const { ingestEvents } = await import("@/lib/events/ingest-events");
    const { listEvents } = await import("@/lib/events/list-events");
    const { eventBatchSchema } = await import("@/lib/events/event-schemas");
    const { spawnSpecSandbox } = await import("@/lib/sandbox/spawn-spec-sandbox");
    const { createLocalProvider } = await import("@/lib/sandbox/local-provider");
    const { refOf } = await import("@/lib/sandbox/get-sandbox-provider");
    const { authenticateSandboxToken } = await import("@/lib/auth/authenticate-sandbox-token");
    const { authenticateApiKey } = await import("@/lib/api-keys/authenticate-api-key");
    const { getSpecIdForMemberOrThrow } = await import("@/lib/specs/get-spec-id-for-member-or-throw");
    const postEventsRoute = await import("@/app/api/v1/sandboxes/[id]/events/route");
    const specEventsRoute = await import("@/app/api/v1/specs/[specId]/events/route");

    const raw = new pg.Pool({ connectionString: database.url, max: 20 });
    raw.on("error", () => {});
    cleanups.push(() => raw.end());

    // ---- seed: one user, one project (no repository), an API key, the specs and sandboxes of each phase ----
    const user = await createUser({ name: "Bench", email: `bench-${Date.now()}@example.test` });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    const project = await db.project.create({ data: { orgId: membership.orgId, name: "bench-events" } });
    const { key: apiKey } = await createApiKey({ userId: user.id, input: { name: "bench", scopes: ["read"] } });
    const benchSandboxIds: string[] = [];
    async function specWithSandbox(title: string, withToken: boolean) {
      const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title, description: title } });
      const sandbox = await db.sandbox.create({
        data: { purpose: "spec", specId: spec.id, status: "running", lastHeartbeatAt: new Date() },
      });
      benchSandboxIds.push(sandbox.id);
      const token = withToken ? (await issueSandboxToken({ sandboxId: sandbox.id })).token : "";
      return { specId: spec.id, sandboxId: sandbox.id, token };
    }
    const apiSenders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => specWithSandbox(`api sender ${i}`, true)));
    const rawSenders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => specWithSandbox(`raw sender ${i}`, false)));
    const pollApi = await specWithSandbox("polled through the API", true);
    const pollRaw = await specWithSandbox("polled through raw pg", false);

    // ---- the production server ----
    const serverLog = fs.createWriteStream(serverLogPath);
    const profileDir = path.join(dataDir, "profile");
    server = spawn(process.execPath, [...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        ...shared,
        PORT: String(port),
        ANTHROPIC_API_KEY: "bench-server-key",
        ANTHROPIC_BASE_URL: fake.url,
      },
      detached: true, // its own process group: the cleanup ends it and anything it started
      stdio: ["ignore", "pipe", "pipe"],
    });
    serverExit = new Promise((resolve) => server!.once("exit", resolve));
    server.stdout!.pipe(serverLog, { end: false });
    server.stderr!.on("data", (chunk: Buffer) => {
      serverLog.write(chunk);
      // Warnings and errors also go to the terminal as they happen.
      for (const line of chunk.toString().split("\n")) if (/"level":"(warn|error)"|Error|error:/.test(line)) process.stderr.write(`[server] ${line}\n`);
    });
    say(`waiting for the server on port ${port} (a production build first when the sources changed: 1–2 min)…`);
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server exited (code ${server.exitCode}); see the log above`);
      try {
        if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
      } catch {}
      if (i > 600) throw new Error("the web server did not start");
      await sleep(500);
    }

    const postmaster = findPostmaster(new URL(database.url).port);
    /** CPU used so far (ms) by the server process, PostgreSQL (all backends) and this bench process. */
    const cpu = () => ({
      server: processCpuMs(server!.pid!),
      pg: postgresCpuMs(postmaster),
      bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    type Cpu = ReturnType<typeof cpu>;
    /** CPU per unit (ms) between two snapshots. */
    const cpuPer = (from: Cpu, to: Cpu, units: number) => ({
      server: round((to.server - from.server) / units, 3),
      pg: round((to.pg - from.pg) / units, 3),
      bench: round((to.bench - from.bench) / units, 3),
    });

    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    cleanups.push(() => agent.destroy());
    const request = (method: string, pathname: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            path: pathname,
            method,
            agent,
            headers: body === undefined ? headers : { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const errors: string[] = [];
    const noteError = (what: string) => {
      if (errors.length < 20) errors.push(what);
    };

    // ======================= 1. ingestion =======================
    const makeEvents = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: "agent.message" as const,
        data: { turn: i, text: messageText(`${tag}-${i}`) },
        clientEventId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
      }));
    const rawInsertText = (n: number) =>
      `INSERT INTO "SandboxEvent" (id, "sandboxId", "specId", type, source, data, "clientEventId") VALUES ${Array.from(
        { length: n },
        (_, i) => `($${i * 7 + 1}, $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7})`,
      ).join(", ")}`;
    const RAW_INSERT = { name: `bench-raw-insert-${BATCH}`, text: rawInsertText(BATCH) };
    const rawValues = (target: { sandboxId: string; specId: string }, events: ReturnType<typeof makeEvents>) =>
      events.flatMap((e) => [crypto.randomUUID(), target.sandboxId, target.specId, e.type, "agent", JSON.stringify(e.data), e.clientEventId]);

    async function postBatch(sender: (typeof apiSenders)[number], events: ReturnType<typeof makeEvents>) {
      const res = await request("POST", `/api/v1/sandboxes/${sender.sandboxId}/events`, { authorization: `Bearer ${sender.token}` }, JSON.stringify({ events }));
      if (res.status !== 200) noteError(`POST events → ${res.status} ${res.body.slice(0, 200)}`);
      else if (JSON.parse(res.body).accepted !== events.length) noteError(`POST events accepted ${JSON.parse(res.body).accepted} of ${events.length}`);
      return res.status === 200;
    }

    /** Runs `batches` batches spread over the senders, each sender one batch at a time. */
    async function ingest(kind: "api" | "raw", batches: number) {
      const latencies: number[] = [];
      let next = 0;
      let ok = 0;
      const before = cpu();
      const t = performance.now();
      await Promise.all(
        Array.from({ length: SENDERS }, async (_, s) => {
          while (next < batches) {
            const b = next++;
            const events = makeEvents(`s${s}b${b}`, BATCH);
            const start = performance.now();
            if (kind === "api") {
              if (await postBatch(apiSenders[s]!, events)) ok++;
            } else {
              await raw.query({ ...RAW_INSERT, values: rawValues(rawSenders[s]!, events) });
              ok++;
            }
            latencies.push(performance.now() - start);
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      const after = cpu();
      return { latencies, seconds, events: ok * BATCH, cpu: { server: after.server - before.server, pg: after.pg - before.pg, bench: after.bench - before.bench } };
    }

    say("server ready; 1/3 ingestion…");
    await ingest("raw", SENDERS * 5); // warm-up: connections, prepared statements, JIT
    await ingest("api", SENDERS * 5);
    // Two alternating rounds per path, so drift on the shared machine hits both alike.
    const totalBatches = Math.ceil(EVENTS / BATCH);
    const zeroCpu = () => ({ server: 0, pg: 0, bench: 0 });
    const ing = {
      api: { latencies: [] as number[], seconds: 0, events: 0, cpu: zeroCpu() },
      raw: { latencies: [] as number[], seconds: 0, events: 0, cpu: zeroCpu() },
    };
    for (let r = 0; r < 2; r++) {
      for (const kind of ["raw", "api"] as const) {
        const result = await ingest(kind, Math.ceil(totalBatches / 2));
        ing[kind].latencies.push(...result.latencies);
        ing[kind].seconds += result.seconds;
        ing[kind].events += result.events;
        for (const k of ["server", "pg", "bench"] as const) ing[kind].cpu[k] += result.cpu[k];
      }
    }
    const apiRate = ing.api.events / ing.api.seconds;
    // CPU per batch of 50, by process, over the measured rounds.
    const ingCpu = {
      api: cpuPer(zeroCpu(), ing.api.cpu, ing.api.events / BATCH),
      raw: cpuPer(zeroCpu(), ing.raw.cpu, ing.raw.events / BATCH),
    };
    const rawRate = ing.raw.events / ing.raw.seconds;
    const storedByApi = Number(
      (await raw.query(`SELECT count(*) FROM "SandboxEvent" WHERE "sandboxId" = ANY($1)`, [apiSenders.map((s) => s.sandboxId)])).rows[0].count,
    );
    const expectedByApi = (SENDERS * 5 + 2 * Math.ceil(totalBatches / 2)) * BATCH;

    // Sequential breakdown of one batch: plain INSERT → the app's statement (ingestEvents) → the route handler in
    // this process (token check, body parse, zod) → HTTP through the server.
    const one = apiSenders[0]!;
    const caller = { sandboxId: one.sandboxId, specId: one.specId, taskId: null, purpose: "spec" as const };
    const ingBreak: Record<string, number[]> = { rawInsert: [], ingestEvents: [], handler: [], http: [], jsonParse: [], zod: [] };
    for (let i = 0; i < BREAKDOWN_CALLS; i++) {
      let events = makeEvents(`brk${i}`, BATCH);
      let t = performance.now();
      await raw.query({ ...RAW_INSERT, values: rawValues(rawSenders[0]!, events) });
      ingBreak.rawInsert!.push(performance.now() - t);

      events = makeEvents(`brk${i}`, BATCH);
      const body = JSON.stringify({ events });
      t = performance.now();
      const parsedJson = JSON.parse(body);
      ingBreak.jsonParse!.push(performance.now() - t);
      t = performance.now();
      const parsed = eventBatchSchema.parse(parsedJson);
      ingBreak.zod!.push(performance.now() - t);
      t = performance.now();
      await ingestEvents(caller, parsed.events);
      ingBreak.ingestEvents!.push(performance.now() - t);

      const req = new Request(`${baseUrl}/api/v1/sandboxes/${one.sandboxId}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${one.token}`, "content-type": "application/json" },
        body: JSON.stringify({ events: makeEvents(`brk${i}`, BATCH) }),
      });
      t = performance.now();
      const res = await postEventsRoute.POST(req, { params: Promise.resolve({ id: one.sandboxId }) });
      await res.text();
      ingBreak.handler!.push(performance.now() - t);
      if (res.status !== 200) noteError(`in-process POST handler → ${res.status}`);

    }
    // HTTP alone, with the server's and PostgreSQL's CPU per batch.
    const ingHttpCpuFrom = cpu();
    for (let i = 0; i < BREAKDOWN_CALLS; i++) {
      const events = makeEvents(`brkh${i}`, BATCH);
      const t = performance.now();
      await postBatch(one, events);
      ingBreak.http!.push(performance.now() - t);
    }
    const ingHttpCpu = cpuPer(ingHttpCpuFrom, cpu(), BREAKDOWN_CALLS);
    const measureHealth = async () => {
      const values: number[] = [];
      const before = cpu();
      for (let i = 0; i < BREAKDOWN_CALLS; i++) {
        const t = performance.now();
        await request("GET", "/api/v1/health", {});
        values.push(performance.now() - t);
      }
      return { values, cpu: cpuPer(before, cpu(), BREAKDOWN_CALLS) };
    };
    const health = await measureHealth();

    // ======================= 2. polling =======================
    say("2/3 polling…");
    // Realistic rows (≈ 200 bytes of data each), in bulk.
    for (const target of [pollApi, pollRaw]) {
      await raw.query(
        `INSERT INTO "SandboxEvent" (id, "sandboxId", "specId", type, source, data, "clientEventId")
         SELECT gen_random_uuid()::text, $1, $2, 'agent.message', 'agent',
                jsonb_build_object('turn', g, 'text', left('seeded ' || g || ' ' || repeat(md5(g::text), 6), 200)), 'seed-' || g
         FROM generate_series(1, $3::int) g`,
        [target.sandboxId, target.specId, SPEC_EVENTS],
      );
    }
    await raw.query(`VACUUM ANALYZE "SandboxEvent"`);

    const LIST_SQL = `SELECT e.seq::text AS seq, e.type, e.source, e."sandboxId", e."taskId", e.data, e."createdAt" FROM "SandboxEvent" e WHERE e."specId" = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`;
    type Page = { count: number; nextCursor: number; hasMore: boolean };
    const apiPage = async (after: number, limit: number): Promise<Page> => {
      const res = await request("GET", `/api/v1/specs/${pollApi.specId}/events?after=${after}&limit=${limit}`, { authorization: `Bearer ${apiKey}` });
      if (res.status !== 200) {
        noteError(`GET spec events → ${res.status} ${res.body.slice(0, 200)}`);
        return { count: 0, nextCursor: after, hasMore: false };
      }
      const page = JSON.parse(res.body) as { events: unknown[]; nextCursor: number; hasMore: boolean };
      return { count: page.events.length, nextCursor: page.nextCursor, hasMore: page.hasMore };
    };
    const rawPage = async (after: number, limit: number): Promise<Page> => {
      const { rows } = await raw.query({ name: "bench-events-by-spec", text: LIST_SQL, values: [pollRaw.specId, after, limit] });
      return { count: rows.length, nextCursor: rows.length ? Number(rows.at(-1).seq) : after, hasMore: rows.length === limit };
    };

    /** ~20 events/s into the polled spec: 5 events every 250 ms, through the API or raw. */
    function startAppender(kind: "api" | "raw") {
      let stop = false;
      const latencies: number[] = [];
      const done = (async () => {
        for (let i = 0; !stop; i++) {
          const t = performance.now();
          const events = makeEvents(`tail${i}`, 5);
          if (kind === "api") await postBatch(pollApi, events);
          else await raw.query({ name: "bench-raw-insert-5", text: rawInsertText(5), values: rawValues(pollRaw, events) });
          latencies.push(performance.now() - t);
          await sleep(Math.max(0, 250 - (performance.now() - t)));
        }
      })();
      return { latencies, stop: async () => ((stop = true), await done) };
    }

    async function pollers(page: (after: number, limit: number) => Promise<Page>) {
      const catchUp: number[] = [];
      const tailAll: number[] = [];
      const tailSteady: number[] = [];
      let tailEvents = 0;
      let catchingUp = POLLERS;
      let catchUpEnd = 0;
      let steadyCpuFrom: Cpu | undefined;
      let lastSteadyAt = 0;
      const cursors: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: POLLERS }, async (_, p) => {
          await sleep((p * 1000) / POLLERS); // staggered over the first second
          let cursor = 0;
          for (;;) {
            const t = performance.now();
            const result = await page(cursor, PAGE);
            catchUp.push(performance.now() - t);
            cursor = result.nextCursor;
            if (!result.hasMore) break;
          }
          if (--catchingUp === 0) {
            catchUpEnd = performance.now();
            steadyCpuFrom = cpu();
          }
          // Tail polls every second, each poller at its own offset in the second (as staggered at the start), so
          // the pollers do not arrive in step even when their catch-ups ended together.
          const offset = (p * 1000) / POLLERS;
          const tailStart = performance.now();
          const firstTick = t0 + offset + Math.ceil((tailStart - t0 - offset) / 1000) * 1000;
          for (let k = 0; firstTick + k * 1000 - tailStart < SECONDS * 1000; k++) {
            await sleep(Math.max(0, firstTick + k * 1000 - performance.now()));
            const steady = catchingUp === 0;
            const t = performance.now();
            const result = await page(cursor, PAGE);
            const took = performance.now() - t;
            tailAll.push(took);
            if (steady) {
              tailSteady.push(took);
              lastSteadyAt = performance.now();
            }
            tailEvents += result.count;
            cursor = result.nextCursor;
          }
          cursors[p] = cursor;
        }),
      );
      const steadyCpuTo = cpu();
      // CPU share (% of one core) while every poller was tail polling (the appender included).
      const steadySeconds = (lastSteadyAt - catchUpEnd) / 1000;
      const steadyCpu = steadyCpuFrom && steadySeconds > 0 ? cpuPer(steadyCpuFrom, steadyCpuTo, steadySeconds * 10) : null;
      // Closed loop: every poller asks again as soon as it has its answer.
      const closed: number[] = [];
      const closedCpuFrom = cpu();
      const tc = performance.now();
      await Promise.all(
        cursors.map(async (start) => {
          let cursor = start;
          while (performance.now() - tc < CLOSED_LOOP_SECONDS * 1000) {
            const t = performance.now();
            cursor = (await page(cursor, PAGE)).nextCursor;
            closed.push(performance.now() - t);
          }
        }),
      );
      const closedSeconds = (performance.now() - tc) / 1000;
      const closedCpu = cpuPer(closedCpuFrom, cpu(), closed.length);
      return {
        steadyCpuPercent: steadyCpu,
        closedCpu,
        catchUp,
        catchUpSeconds: (catchUpEnd - t0) / 1000,
        tailAll,
        tailSteady,
        tailEvents,
        closed,
        closedRate: closed.length / closedSeconds,
      };
    }

    let appender = startAppender("api");
    const pollApiResult = await pollers(apiPage);
    const apiAppends = await appender.stop().then(() => appender.latencies);
    say(`  API pollers done (all caught up after ${pollApiResult.catchUpSeconds.toFixed(1)} s); raw pg pollers…`);
    appender = startAppender("raw");
    const pollRawResult = await pollers(rawPage);
    await appender.stop();

    // Sequential breakdown of one tail poll (nothing new) and one full page of 500.
    const bounds = (await raw.query(`SELECT min(seq)::text AS lo, max(seq)::text AS hi FROM "SandboxEvent" WHERE "specId" = $1`, [pollApi.specId])).rows[0];
    const tip = Number(bounds.hi);
    // A page from the middle of the spec's events (a first page, after=0, is in the plan check below).
    const midCursor = Number(bounds.lo) + Math.floor(SPEC_EVENTS / 2);
    const pollBreak: Record<string, number[]> = { raw: [], listEvents: [], handler: [], http: [] };
    const pageBreak: Record<string, number[]> = { raw: [], listEvents: [], handler: [], http: [] };
    const breakCpu: Record<string, unknown> = {};
    const breakCpuPage: Record<string, unknown> = {};
    for (const [after, limit, into, calls] of [
      [tip, PAGE, pollBreak, BREAKDOWN_CALLS],
      [midCursor, PAGE, pageBreak, 50],
    ] as const) {
      for (let i = 0; i < calls; i++) {
        let t = performance.now();
        await raw.query({ name: "bench-events-by-spec", text: LIST_SQL, values: [pollApi.specId, after, limit] });
        into.raw!.push(performance.now() - t);
        t = performance.now();
        await listEvents({ specId: pollApi.specId }, { after, limit });
        into.listEvents!.push(performance.now() - t);
        const req = new Request(`${baseUrl}/api/v1/specs/${pollApi.specId}/events?after=${after}&limit=${limit}`, {
          headers: { authorization: `Bearer ${apiKey}` },
        });
        t = performance.now();
        const res = await specEventsRoute.GET(req, { params: Promise.resolve({ specId: pollApi.specId }) });
        await res.text();
        into.handler!.push(performance.now() - t);
        if (res.status !== 200) noteError(`in-process GET handler → ${res.status}`);
      }
      // HTTP alone, with the server's and PostgreSQL's CPU per request.
      const before = cpu();
      for (let i = 0; i < calls; i++) {
        const t = performance.now();
        await apiPage(after, limit);
        into.http!.push(performance.now() - t);
      }
      (into === pollBreak ? breakCpu : (breakCpuPage as Record<string, unknown>)).http = cpuPer(before, cpu(), calls);
    }
    const healthAfter = await measureHealth();
    // The pieces of a request before the events query, in this process: the query floors of Prisma and of the
    // plain pg pool, and the two authentications (Prisma) and the membership check (pg) the routes run.
    const pieces: Record<string, number[]> = { prismaSelect1: [], pgSelect1: [], authSandboxToken: [], authApiKey: [], getSpecIdForMemberOrThrow: [] };
    for (let i = 0; i < BREAKDOWN_CALLS; i++) {
      for (const [name, fn] of [
        ["prismaSelect1", () => db.$queryRaw`SELECT 1`],
        ["pgSelect1", () => getPgPool().query("SELECT 1")],
        ["authSandboxToken", () => authenticateSandboxToken(pollApi.token)],
        ["authApiKey", () => authenticateApiKey(apiKey)],
        ["getSpecIdForMemberOrThrow", () => getSpecIdForMemberOrThrow({ userId: user.id, specId: pollApi.specId })],
      ] as const) {
        const t = performance.now();
        await fn();
        pieces[name]!.push(performance.now() - t);
      }
    }

    // Plan check: list-events.ts runs the query as a named (prepared) statement, so after five runs on a connection
    // PostgreSQL may switch to one generic plan for all parameters. Which plan, and what it costs for a first page
    // (after=0) and a tail poll.
    const plans: Record<string, { index: string; ms: number }> = {};
    const planClient = await raw.connect();
    try {
      await planClient.query(`PREPARE bench_list(text, bigint, int) AS ${LIST_SQL}`);
      const indexOf = (node: Record<string, unknown>): string =>
        (node["Index Name"] as string | undefined) ??
        ((node["Plans"] as Record<string, unknown>[] | undefined) ?? []).map(indexOf).find(Boolean) ??
        String(node["Node Type"]);
      const explain = async (after: number) => {
        const { rows } = await planClient.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE bench_list(${planClient.escapeLiteral(pollApi.specId)}, ${after}, ${PAGE})`);
        const out = rows[0]["QUERY PLAN"][0];
        return { index: indexOf(out.Plan), ms: round(out["Execution Time"], 3)! };
      };
      for (const mode of ["force_custom_plan", "force_generic_plan"]) {
        await planClient.query(`SET plan_cache_mode = ${mode}`);
        plans[`${mode.replace("force_", "").replace("_plan", "")}/page`] = await explain(0);
        plans[`${mode.replace("force_", "").replace("_plan", "")}/tail`] = await explain(tip);
      }
      // What `auto` (the default) settles on after the first five runs on a connection, as in a poller's catch-up.
      await planClient.query(`DEALLOCATE bench_list; RESET plan_cache_mode`);
      await planClient.query(`PREPARE bench_list(text, bigint, int) AS ${LIST_SQL}`);
      for (let i = 0; i < 6; i++) await planClient.query(`EXECUTE bench_list(${planClient.escapeLiteral(pollApi.specId)}, ${i * PAGE}, ${PAGE})`);
      plans["auto-after-6/page"] = await explain(0);
      plans["auto-after-6/tail"] = await explain(tip);
      await planClient.query(`DEALLOCATE bench_list`);
      // A candidate rewrite (not the app's query): a row-value range on (specId, seq) ordered by both columns, which
      // only the composite index can serve without a sort, so the plan cannot depend on where the spec's rows sit.
      const REWRITE = LIST_SQL.replace(
        `WHERE e."specId" = $1 AND e.seq > $2 ORDER BY e.seq`,
        `WHERE (e."specId", e.seq) > ($1, $2) AND (e."specId", e.seq) <= ($1, 9223372036854775807) ORDER BY e."specId", e.seq`,
      );
      await planClient.query(`PREPARE bench_list(text, bigint, int) AS ${REWRITE}`);
      await planClient.query(`SET plan_cache_mode = force_custom_plan`);
      plans["rewrite/page"] = await explain(0);
      plans["rewrite/tail"] = await explain(tip);
      await planClient.query(`DEALLOCATE bench_list; RESET plan_cache_mode`);
    } finally {
      planClient.release();
    }

    // ======================= 3. local sandbox spawn → first event =======================
    say("3/3 local sandbox spawn…");
    // The ingestion and polling sandboxes are done: out of the local capacity count, nothing left to clean up.
    await raw.query(`UPDATE "Sandbox" SET status = 'stopped', "endedAt" = now(), "destroyedAt" = now() WHERE id = ANY($1)`, [benchSandboxIds]);
    const nodeBare: number[] = [];
    const bundleHelp: number[] = [];
    for (let i = 0; i < 10; i++) {
      nodeBare.push(await timeProcess(["-e", "0"]));
      bundleHelp.push(await timeProcess([bundlePath, "--help"]));
    }

    const base = createLocalProvider({ root: sandboxRoot, agentBundlePath: bundlePath, stopGraceMs: 2_000 });
    let current: { create: number; startAgent: number; createStartedAt: number } = { create: 0, startAgent: 0, createStartedAt: 0 };
    const provider: typeof base = {
      ...base,
      async create(input) {
        current.createStartedAt = performance.now();
        const t = performance.now();
        try {
          return await base.create(input);
        } finally {
          current.create = performance.now() - t;
        }
      },
      async startAgent(ref, env, onExit) {
        const t = performance.now();
        try {
          return await base.startAgent(ref, env, onExit);
        } finally {
          current.startAgent = performance.now() - t;
        }
      },
    };
    const spawns: {
      total: number;
      spawnCall: number;
      claim: number;
      create: number;
      startAgent: number;
      afterStart: number;
      rest: number;
      firstType: string;
      completed: boolean;
    }[] = [];
    let spawnFailures = 0;
    for (let i = 0; i < SPAWNS; i++) {
      const spec = await db.spec.create({
        data: { projectId: project.id, userId: user.id, title: `spawn ${i}`, description: "bench", generationStatus: "running", startedAt: new Date() },
      });
      current = { create: 0, startAgent: 0, createStartedAt: 0 };
      const t0 = performance.now();
      const outcome = await spawnSpecSandbox({ specId: spec.id, provider });
      const t1 = performance.now();
      if (!outcome.spawned) {
        spawnFailures++;
        noteError(`spawnSpecSandbox → ${outcome.reason}`);
        continue;
      }
      const row = await db.sandbox.findUniqueOrThrow({ where: { id: outcome.sandboxId } });
      const ref = refOf(row)!;
      try {
        const [pid] = fs.readFileSync(path.join(sandboxRoot, row.id, "agent.pid"), "utf8").split(" ");
        agentPids.add(Number(pid));
      } catch {}
      let first: { type: string } | undefined;
      let t2 = NaN;
      while (performance.now() - t0 < 15_000) {
        const { rows } = await raw.query(`SELECT type FROM "SandboxEvent" WHERE "sandboxId" = $1 AND source = 'agent' ORDER BY seq LIMIT 1`, [outcome.sandboxId]);
        if (rows.length) {
          t2 = performance.now();
          first = rows[0];
          break;
        }
        await sleep(5);
      }
      if (!first) noteError(`sandbox ${outcome.sandboxId}: no agent event within 15 s`);
      // Wait for its first model call through the server's proxy (the whole path works), then end it before the
      // next spawn so runs do not overlap. (The fake model's reply does not complete a spec run; not needed here.)
      let modelCalls = 0;
      for (let w = 0; w < 250 && modelCalls === 0; w++) {
        modelCalls = Number((await raw.query(`SELECT count(*) FROM "LlmUsage" WHERE "sandboxId" = $1`, [outcome.sandboxId])).rows[0].count);
        if (modelCalls === 0) await sleep(20);
      }
      if (modelCalls === 0) noteError(`sandbox ${outcome.sandboxId}: no model call within 5 s; agent log: ${(await base.logTail(ref, 400)).replace(/\s+/g, " ")}`);
      const completed = modelCalls > 0;
      await base.destroy(ref);
      await db.sandbox.update({ where: { id: row.id }, data: { destroyedAt: new Date() } });
      if (first) {
        spawns.push({
          total: t2 - t0,
          spawnCall: t1 - t0,
          claim: current.createStartedAt - t0,
          create: current.create,
          startAgent: current.startAgent,
          afterStart: t1 - t0 - (current.createStartedAt - t0) - current.create - current.startAgent,
          rest: t2 - t1,
          firstType: first.type,
          completed,
        });
      }
    }
    const survivors = [...agentPids].filter(isAlive);

    // ======================= report =======================
    const serverRss = readVmHWM(server.pid!);
    const benchRss = readVmHWM("self");
    const serverLogText = fs.readFileSync(serverLogPath, "utf8");
    const serverProblems = serverLogText.split("\n").filter((line) => /"level":"(warn|error)"|Error|error:/.test(line));

    const col = (values: number[]) => stats(values);
    const s = {
      ingestApi: col(ing.api.latencies),
      ingestRaw: col(ing.raw.latencies),
      tailApi: col(pollApiResult.tailSteady),
      tailApiAll: col(pollApiResult.tailAll),
      tailRaw: col(pollRawResult.tailSteady),
      tailRawAll: col(pollRawResult.tailAll),
      pageApi: col(pollApiResult.catchUp),
      pageRaw: col(pollRawResult.catchUp),
      closedApi: col(pollApiResult.closed),
      closedRaw: col(pollRawResult.closed),
    };
    const spawnTotal = col(spawns.map((x) => x.total));
    const pick = (key: keyof (typeof spawns)[number]) => col(spawns.map((x) => x[key] as number));
    const ratioIngest = rawRate / apiRate;
    const cores = os.cpus().length;

    const line = (label: string, api: string, rawText: string, ratio: string, target: string) =>
      console.log(`  ${label.padEnd(34)} ${api.padEnd(34)} ${rawText.padEnd(30)} ${ratio.padEnd(8)} ${target}`);
    const pp = (x: { p50: number | null; p99: number | null }) => `p50 ${ms(x.p50)} p99 ${ms(x.p99)}`;
    const r = (a: number | null, b: number | null) => (a && b ? `${(a / b).toFixed(2)}×` : "–");
    console.log(`\nEvents pipeline benchmark (${cores} cores, node ${process.version}; server = scripts/start.ts production build)`);
    console.log(`  ${"".padEnd(34)} ${"API (HTTP → Next → pg)".padEnd(34)} ${"raw pg baseline".padEnd(30)} ${"ratio".padEnd(8)} target`);
    line(
      `ingest ${SENDERS}×${BATCH}-event batches`,
      `${apiRate.toFixed(0)} events/s`,
      `${rawRate.toFixed(0)} events/s`,
      `${ratioIngest.toFixed(2)}×`,
      `≥ 5000/s and ≤ 3×: ${apiRate >= 5000 && ratioIngest <= 3 ? "met" : "NOT met"}`,
    );
    line("  batch latency", pp(s.ingestApi), pp(s.ingestRaw), r(s.ingestApi.p50, s.ingestRaw.p50), "");
    line(
      `tail poll, ${POLLERS} pollers @1/s (steady)`,
      `${pp(s.tailApi)} max ${ms(s.tailApi.max)}`,
      pp(s.tailRaw),
      r(s.tailApi.p99, s.tailRaw.p99),
      `p99 < 25 ms: ${s.tailApi.p99 !== null && s.tailApi.p99 < 25 ? "met" : "NOT met"}`,
    );
    line(`  (n steady / all; all-polls p99)`, `${s.tailApi.n} / ${s.tailApiAll.n}; p99 ${ms(s.tailApiAll.p99)}`, `${s.tailRaw.n} / ${s.tailRawAll.n}; p99 ${ms(s.tailRawAll.p99)}`, "", "");
    line(`catch-up page of ${PAGE}`, `${pp(s.pageApi)} (${s.pageApi.n})`, `${pp(s.pageRaw)} (${s.pageRaw.n})`, r(s.pageApi.p50, s.pageRaw.p50), "");
    line(
      `  all ${POLLERS} caught up after`,
      `${pollApiResult.catchUpSeconds.toFixed(1)} s`,
      `${pollRawResult.catchUpSeconds.toFixed(1)} s`,
      `${(pollApiResult.catchUpSeconds / pollRawResult.catchUpSeconds).toFixed(2)}×`,
      "",
    );
    line(
      `closed loop, ${POLLERS} pollers, ${CLOSED_LOOP_SECONDS} s`,
      `${pollApiResult.closedRate.toFixed(0)} polls/s ${pp(s.closedApi)}`,
      `${pollRawResult.closedRate.toFixed(0)} polls/s ${pp(s.closedRaw)}`,
      `${(pollRawResult.closedRate / pollApiResult.closedRate).toFixed(2)}×`,
      "",
    );
    line(
      `spawn → first agent event (${spawns.length})`,
      `p50 ${ms(spawnTotal.p50)} max ${ms(spawnTotal.max)}`,
      `node -e 0 p50 ${ms(percentile(nodeBare, 50))}`,
      "",
      `< 300 ms: ${spawnTotal.p50 !== null && spawnTotal.max !== null && spawnTotal.max < 300 ? "met" : spawnTotal.p50 !== null && spawnTotal.p50 < 300 ? "met at p50, not at max" : "NOT met"}`,
    );
    line(`  spawn call (claim+git+start+rows)`, `p50 ${ms(pick("spawnCall").p50)}`, `bundle --help p50 ${ms(percentile(bundleHelp, 50))}`, "", "");
    line(`    claim (spec lock, sandbox row)`, `p50 ${ms(pick("claim").p50)}`, "", "", "");
    line(`    workspace + git init + commit`, `p50 ${ms(pick("create").p50)}`, "", "", "");
    line(`    agent process spawn`, `p50 ${ms(pick("startAgent").p50)}`, "", "", "");
    line(`    rows + sandbox.started event`, `p50 ${ms(pick("afterStart").p50)}`, "", "", "");
    line(`  rest: agent boot → event stored`, `p50 ${ms(pick("rest").p50)} max ${ms(pick("rest").max)}`, "", "", "");
    console.log(`\n  Sequential breakdown (one request at a time, p50):`);
    const bp = (values: number[] | undefined) => ms(percentile(values ?? [], 50));
    console.log(`    POST 50 events: plain INSERT ${bp(ingBreak.rawInsert)} | ingestEvents() ${bp(ingBreak.ingestEvents)} | JSON.parse ${bp(ingBreak.jsonParse)} + zod ${bp(ingBreak.zod)} | route handler in-process ${bp(ingBreak.handler)} | HTTP via the server ${bp(ingBreak.http)}`);
    console.log(`    tail poll (nothing new): SELECT ${bp(pollBreak.raw)} | listEvents() ${bp(pollBreak.listEvents)} | route handler in-process ${bp(pollBreak.handler)} | HTTP via the server ${bp(pollBreak.http)}`);
    console.log(`    page of ${PAGE}: SELECT ${bp(pageBreak.raw)} | listEvents() ${bp(pageBreak.listEvents)} | route handler in-process ${bp(pageBreak.handler)} | HTTP via the server ${bp(pageBreak.http)}`);
    console.log(`    floor: GET /api/v1/health through Next (1 Prisma query) ${bp(health.values)} (after the polling phase: ${bp(healthAfter.values)})`);
    console.log(`    pieces in-process: Prisma SELECT 1 ${bp(pieces.prismaSelect1)} | pg SELECT 1 ${bp(pieces.pgSelect1)} | sandbox token auth (Prisma) ${bp(pieces.authSandboxToken)} | API key auth (Prisma) ${bp(pieces.authApiKey)} | getSpecIdForMemberOrThrow (pg) ${bp(pieces.getSpecIdForMemberOrThrow)}`);
    console.log(`    list query plans (EXPLAIN ANALYZE): ${Object.entries(plans).map(([k, v]) => `${k} ${v.index} ${v.ms} ms`).join(" | ")}`);
    const c = (x: { server: number | null; pg: number | null; bench: number | null } | null | undefined, unit = "ms") =>
      x ? `server ${x.server?.toFixed(2)} ${unit}, postgres ${x.pg?.toFixed(2)} ${unit}, bench ${x.bench?.toFixed(2)} ${unit}` : "–";
    console.log(`\n  CPU (utime+stime from /proc, 10 ms ticks):`);
    console.log(`    per 50-event batch, concurrent ingestion: API ${c(ingCpu.api)} | raw ${c(ingCpu.raw)}`);
    console.log(`    per request, sequential: POST 50 events ${c(ingHttpCpu)} | tail poll ${c(breakCpu.http as Cpu)} | page of ${PAGE} ${c(breakCpuPage.http as Cpu)} | health ${c(health.cpu)}`);
    console.log(`    steady tail polling (% of one core): API ${c(pollApiResult.steadyCpuPercent, "%")} | raw ${c(pollRawResult.steadyCpuPercent, "%")}`);
    console.log(`    per closed-loop tail poll: API ${c(pollApiResult.closedCpu)} | raw ${c(pollRawResult.closedCpu)}`);
    console.log(`\n  Checks: API rows stored ${storedByApi} (expected ${expectedByApi}); ${apiAppends.length} appender batches during the API polling; tail polls returned ${pollApiResult.tailEvents} new events (API) / ${pollRawResult.tailEvents} (raw)`);
    console.log(`          spawns ${spawns.length}/${SPAWNS} measured, ${spawns.filter((x) => x.completed).length} made a model call through the proxy, ${spawnFailures} failed to spawn; first agent event types: ${[...new Set(spawns.map((x) => x.firstType))].join(", ")}`);
    console.log(`          agent processes still alive after destroy: ${survivors.length}; agent bundle ${(bundleBytes / 1024).toFixed(0)} KiB`);
    console.log(`  Peak RSS (VmHWM): server ${serverRss?.toFixed(0)} MiB, bench ${benchRss?.toFixed(0)} MiB`);
    if (errors.length) console.log(`  Errors seen by the bench (first ${errors.length}):\n    ${errors.join("\n    ")}`);
    console.log(`  Server log: ${serverProblems.length} warning/error lines${serverProblems.length ? `; first: ${serverProblems.slice(0, 5).join("\n    ")}` : ""}`);

    const figures = {
      date: new Date().toISOString(),
      cores,
      params: { events: EVENTS, pollers: POLLERS, seconds: SECONDS, specEvents: SPEC_EVENTS, spawns: SPAWNS, senders: SENDERS, batch: BATCH, page: PAGE },
      ingest: {
        apiEventsPerSecond: round(apiRate, 0),
        rawEventsPerSecond: round(rawRate, 0),
        ratioRawOverApi: round(ratioIngest),
        apiBatchMs: s.ingestApi,
        rawBatchMs: s.ingestRaw,
        storedByApi,
        expectedByApi,
      },
      poll: {
        tailSteadyApiMs: s.tailApi,
        tailAllApiMs: s.tailApiAll,
        tailSteadyRawMs: s.tailRaw,
        tailAllRawMs: s.tailRawAll,
        catchUpPageApiMs: s.pageApi,
        catchUpPageRawMs: s.pageRaw,
        catchUpSecondsApi: round(pollApiResult.catchUpSeconds),
        catchUpSecondsRaw: round(pollRawResult.catchUpSeconds),
        closedLoopApi: { pollsPerSecond: round(pollApiResult.closedRate, 0), ...s.closedApi },
        closedLoopRaw: { pollsPerSecond: round(pollRawResult.closedRate, 0), ...s.closedRaw },
        appenderApiMs: col(apiAppends),
      },
      spawn: {
        firstEventMs: spawnTotal,
        spawnCallMs: pick("spawnCall"),
        claimMs: pick("claim"),
        createMs: pick("create"),
        startAgentMs: pick("startAgent"),
        afterStartMs: pick("afterStart"),
        restMs: pick("rest"),
        nodeBareMs: col(nodeBare),
        bundleHelpMs: col(bundleHelp),
        madeModelCall: spawns.filter((x) => x.completed).length,
        failures: spawnFailures,
        survivors: survivors.length,
      },
      breakdownP50Ms: {
        ingest: Object.fromEntries(Object.entries(ingBreak).map(([k, v]) => [k, round(percentile(v, 50), 3)])),
        tailPoll: Object.fromEntries(Object.entries(pollBreak).map(([k, v]) => [k, round(percentile(v, 50), 3)])),
        page: Object.fromEntries(Object.entries(pageBreak).map(([k, v]) => [k, round(percentile(v, 50), 3)])),
        health: round(percentile(health.values, 50), 3),
        healthAfterPolling: round(percentile(healthAfter.values, 50), 3),
        pieces: Object.fromEntries(Object.entries(pieces).map(([k, v]) => [k, round(percentile(v, 50), 3)])),
      },
      cpuMs: {
        ingestPerBatch: ingCpu,
        sequentialPerRequest: { post50: ingHttpCpu, tailPoll: breakCpu.http, page: breakCpuPage.http, health: health.cpu },
        steadyTailPercentOfCore: { api: pollApiResult.steadyCpuPercent, raw: pollRawResult.steadyCpuPercent },
        closedLoopPerPoll: { api: pollApiResult.closedCpu, raw: pollRawResult.closedCpu },
      },
      listQueryPlans: plans,
      peakRssMiB: { server: round(serverRss ?? NaN, 0), bench: round(benchRss ?? NaN, 0) },
      errors: errors.length,
      serverLogProblems: serverProblems.length,
    };
    console.log(`\nJSON ${JSON.stringify(figures)}`);

    if (PROFILE) {
      // The profile is written when the server exits.
      process.kill(-server.pid!, "SIGTERM");
      await serverExit;
      // The main thread's profile (the largest; tsx's loader thread writes a small one too).
      const files = (fs.existsSync(profileDir) ? fs.readdirSync(profileDir).filter((f) => f.includes(`.${server!.pid}.`)) : [])
        .sort((a, b) => fs.statSync(path.join(profileDir, b)).size - fs.statSync(path.join(profileDir, a)).size)
        .slice(0, 1);
      if (!files.length) console.log("\nno server profile was written");
      for (const file of files) {
        const summary = summarizeProfile(path.join(profileDir, file));
        console.log(`\nServer CPU profile (whole run but the build, ${summary.busyMs} ms busy): self time by package`);
        for (const b of summary.buckets) console.log(`  ${String(b.percent).padStart(5)} %  ${String(b.ms).padStart(7)} ms  ${b.name}`);
        console.log("  top functions:");
        for (const f of summary.functions) console.log(`  ${String(f.percent).padStart(5)} %  ${String(f.ms).padStart(7)} ms  ${f.name}`);
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
