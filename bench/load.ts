// Benchmark: N specs end to end at once, on `npm start`'s web server with a separate `npm run worker` and local
// sandboxes, the scripted fake model with realistic latency behind the app's LLM proxy, and every spec page and board
// polled as the interface polls them.
//   npx tsx bench/load.ts [--specs 20] [--projects 5] [--model-latency-ms 800] [--port 3300] [--timeout-min 15]
// First one spec alone (the baseline: the same path with nothing competing), then N specs launched at once. Reports
// throughput, latency of the interface's routes and of the agents' (through a pass-through tap), peak memory of the
// web process, the worker and each agent, CPU per process, and checks that every spec ran to completion.
// See bench/README.md.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { numberArg, percentile, postgresCpuMs, processCpuMs } from "@/bench/bench-utils";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { ticketBranchName } from "@/lib/repos/ticket-branch-name";
import { isSpecLive, type SpecDto } from "@/lib/specs/spec-schemas";
import { buildAgentBundle } from "@/scripts/build-agent";
import { startFakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { SAMPLE_OUTPUTS, scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

const SPECS = numberArg("specs", 20);
const PROJECTS = Math.max(1, Math.min(SPECS, numberArg("projects", 5)));
const MODEL_LATENCY_MS = numberArg("model-latency-ms", 800);
const PORT = numberArg("port", 3300);
const TIMEOUT_MIN = numberArg("timeout-min", 15);
const SERVER_KEY = "sk-ant-bench-load-server-key";
const SAMPLE_MS = 250;
// What the interface polls (hooks/api): the timeline every 1.5 s, the spec every 2 s while it is live, the board every
// 2 s; the timeline follows `hasMore` at once, up to 40 pages of 500 per poll.
const EVENTS_POLL_MS = 1_500;
const DETAIL_POLL_MS = 2_000;
const BOARD_POLL_MS = 2_000;
const PAGE = 500;
const MAX_PAGES_PER_POLL = 40;
const PLAN_SIZE = SAMPLE_OUTPUTS.tasks.tasks.length;
const WORK_PHASE_COUNT = 5; // explore, requirements, design, tasks, sync: each ends with a passed PhaseRun
const PROBLEM = /"level":"(warn|error)"|Error|error:/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
const stats = (values: number[]) => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  p99: round(percentile(values, 99)),
  max: round(values.length ? Math.max(...values) : NaN),
});
type Stats = ReturnType<typeof stats>;
const ms = (value: number | null) => (value === null ? "–" : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const mib = (value: number | null) => (value === null ? "–" : `${value.toFixed(0)} MiB`);

const benchStart = performance.now();
const say = (line: string) => process.stdout.write(`[${((performance.now() - benchStart) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

// ---------------------------------------------------------------- /proc

/** VmRSS and VmHWM (its peak so far) of a process, in MiB; null once it is gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return rss && hwm ? { rss: Number(rss[1]) / 1024, hwm: Number(hwm[1]) / 1024 } : null; // a zombie has neither
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat, the start time: with the pid it names one process (pids are reused). */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** The postmaster of the embedded PostgreSQL whose data lives under `dir`. */
function findPostmaster(dir: string): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0]?.endsWith("/postgres") && argv[argv.indexOf("-D") + 1]?.startsWith(`${dir}/`)) return Number(entry);
    } catch {}
  }
  return null;
}


/** RSS of an idle `node` once it has settled: what any Node process costs before it loads anything. */
async function bareNodeRss(): Promise<number | null> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await sleep(1_000);
  const rss = memoryOf(child.pid!)?.rss ?? null;
  child.kill("SIGKILL");
  return rss;
}

// ---------------------------------------------------------------- processes

interface Managed {
  child: ChildProcess;
  exited: Promise<void>;
  ready: Promise<void>;
  logPath: string;
}

let echoed = 0;
/** A script of this repository under tsx, in its own process group, its output to a log; warnings also to the terminal. */
function startScript(label: string, script: string, env: NodeJS.ProcessEnv, logPath: string, readyLine: RegExp): Managed {
  const log = fs.createWriteStream(logPath);
  const child = spawn(process.execPath, ["--import", "tsx", script], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString().split("\n")) {
        if (readyLine.test(line)) markReady();
        // A few as they happen; all of them are counted in the report.
        if (PROBLEM.test(line) && echoed++ < 20) process.stderr.write(`[${label}] ${line.slice(0, 400)}\n`);
      }
    });
  }
  return { child, exited, ready, logPath };
}

async function waitReady(label: string, proc: Managed, timeoutMs: number) {
  const outcome = await Promise.race([
    proc.ready.then(() => "ready"),
    proc.exited.then(() => "exited"),
    sleep(timeoutMs).then(() => "timeout"),
  ]);
  if (outcome !== "ready") throw new Error(`the ${label} ${outcome === "exited" ? `exited (code ${proc.child.exitCode})` : "did not start in time"}; log: ${proc.logPath}\n${tail(proc.logPath, 15)}`);
}

async function stopScript(proc: Managed | undefined, graceMs: number) {
  if (!proc?.child.pid || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  try {
    process.kill(-proc.child.pid, "SIGTERM");
  } catch {}
  if (await Promise.race([proc.exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  try {
    process.kill(-proc.child.pid, "SIGKILL");
  } catch {}
  await proc.exited;
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function problemLines(file: string): string[] {
  try {
    return fs.readFileSync(file, "utf8").split("\n").filter((line) => PROBLEM.test(line));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- measurement state

interface Route {
  ms: number[];
  errors: number;
}

interface Agent {
  sandboxId: string;
  pid: number;
  startTime: string;
  phase: string;
  /** Its VmHWM at the last sample before it ended, MiB. */
  peak: number;
  alive: boolean;
}

interface Phase {
  name: string;
  routes: Map<string, Route>;
  /** LLM calls as the agents saw them minus the latency the fake model drew for them. */
  proxyOverhead: number[];
  peak: { web: number; worker: number; sum: number; liveAgents: number };
}

function newPhase(name: string): Phase {
  return { name, routes: new Map(), proxyOverhead: [], peak: { web: 0, worker: 0, sum: 0, liveAgents: 0 } };
}

function record(phase: Phase | null, route: string, elapsed: number, ok: boolean) {
  if (!phase) return;
  let entry = phase.routes.get(route);
  if (!entry) phase.routes.set(route, (entry = { ms: [], errors: 0 }));
  entry.ms.push(elapsed);
  if (!ok) entry.errors++;
}

/** A route's name for the report: ids and phases replaced by placeholders. */
function routeName(method: string, url: string): string {
  const pathname = url.split("?")[0]!.replace(/^\/api\/v1/, "");
  const generic = pathname
    .replace(/^\/sandboxes\/[^/]+/, "/sandboxes/{id}")
    .replace(/\/phases\/[^/]+$/, "/phases/{phase}")
    .replace(/^\/specs\/(?!launch$)[^/]+/, "/specs/{id}");
  return `${method} ${generic}`;
}

// ---------------------------------------------------------------- the run

async function main() {
  if (!(SPECS >= 1) || !(MODEL_LATENCY_MS >= 0) || !(TIMEOUT_MIN > 0)) throw new Error("--specs ≥ 1, --model-latency-ms ≥ 0 and --timeout-min > 0, please");
  const deadline = Date.now() + TIMEOUT_MIN * 60_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-load-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as another user when we are root
  const sandboxRoot = path.join(dataDir, "sandboxes");
  const baseEnv = { ...process.env };
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const agents = new Map<string, Agent>();
  let web: Managed | undefined;
  let worker: Managed | undefined;
  let cleaning: Promise<void> | undefined;

  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => {});
      // The worker first: it stops its agents and hands their specs back through the database the web server runs.
      await stopScript(worker, 30_000);
      for (const agent of agents.values()) {
        if (startTimeOf(agent.pid) !== agent.startTime) continue;
        try {
          process.kill(-agent.pid, "SIGKILL");
        } catch {}
      }
      const postmaster = findPostmaster(dataDir);
      await stopScript(web, 30_000);
      // The database has its own process group; a web server that had to be killed left it running.
      if (postmaster && startTimeOf(postmaster)) {
        try {
          process.kill(postmaster, "SIGINT");
        } catch {}
        for (let i = 0; i < 100 && startTimeOf(postmaster); i++) await sleep(100);
        try {
          process.kill(postmaster, "SIGKILL");
        } catch {}
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    })());
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Past the deadline the phases stop waiting and report; this is for a run stuck anywhere else.
  const hardStop = setTimeout(() => {
    process.stderr.write(`[bench] hard timeout (${TIMEOUT_MIN} min + 3): cleaning up\n`);
    void cleanup().finally(() => process.exit(2));
  }, TIMEOUT_MIN * 60_000 + 180_000);

  let passed = false;
  try {
    passed = await run();
  } finally {
    clearTimeout(hardStop);
    await cleanup();
  }
  return passed;

  async function run(): Promise<boolean> {
    const loadAtStart = os.loadavg()[0]!;
    const bareRss = await bareNodeRss();

    // ---- the fake model: the scripted spec agent, each turn after a latency drawn uniformly in mean ± 50 % ----
    const drawn = new Map<number, number>(); // the fake's message number → latency it drew
    const agentScript = scriptedSpecAgent();
    const fake = await startFakeAnthropic({
      expectedApiKey: SERVER_KEY,
      validate: false,
      script: (request, index) => {
        const latencyMs = Math.round(MODEL_LATENCY_MS * (0.5 + Math.random()));
        drawn.set(index + 1, latencyMs); // the fake names its reply msg_fake_<index + 1>
        return { ...agentScript(request), latencyMs };
      },
    });
    cleanups.push(() => fake.stop());
    const { outfile: bundlePath } = await buildAgentBundle(path.join(dataDir, "omoi-agent.mjs"));

    // ---- the web server: npm start's path (embedded PostgreSQL in the data dir, build if stale), no worker ----
    const port = await findFreePort(PORT);
    const baseUrl = `http://localhost:${port}`;
    say(`starting the web server on port ${port} (a production build first when the sources changed: 1–2 min)…`);
    web = startScript(
      "web",
      "scripts/start.ts",
      {
        ...baseEnv,
        PORT: String(port),
        OMOIOS_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: "bench-load-secret-that-is-long-enough-0000",
        ANTHROPIC_API_KEY: SERVER_KEY,
        ANTHROPIC_BASE_URL: fake.url,
        OMOIOS_WORKER: "off",
        // One user per project, and only the first owns the server: the others' repositories must be under a root.
        LOCAL_REPO_ROOTS: path.join(dataDir, "repos"),
      },
      path.join(dataDir, "web.log"),
      /OmoiOS is ready at/,
    );
    await waitReady("web server", web, Math.max(60_000, deadline - Date.now()));
    const webPid = web.child.pid!;
    const databaseUrl = fs.readFileSync(path.join(dataDir, "database-url"), "utf8").trim();

    // lib/env.ts parses the environment once: set before any lib module that reads it is loaded.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, OMOIOS_DATA_DIR: dataDir });
    const { disconnectDb } = await import("@/lib/db/client");
    cleanups.push(() => disconnectDb());
    const { createUser } = await import("@/lib/users/create-user");
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const raw = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    raw.on("error", () => {});
    cleanups.push(() => raw.end());
    const postmaster = findPostmaster(dataDir);

    // ---- the tap: agents reach the app through it, so their requests are timed too ----
    let current: Phase | null = null;
    const upstream = new http.Agent({ keepAlive: true, maxSockets: 512 });
    cleanups.push(() => upstream.destroy());
    const tap = http.createServer((req, res) => {
      const started = performance.now();
      const route = routeName(req.method ?? "GET", req.url ?? "/");
      const phase = current;
      const forward = http.request(
        { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers, agent: upstream },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          let message: number | undefined;
          if (route.includes("/llm/")) {
            answer.on("data", (chunk: Buffer) => {
              message ??= Number(/"id":"msg_fake_(\d+)"/.exec(chunk.toString())?.[1]) || undefined;
            });
          }
          answer.pipe(res);
          answer.on("end", () => {
            const elapsed = performance.now() - started;
            record(phase, route, elapsed, (answer.statusCode ?? 500) < 400);
            const latency = message === undefined ? undefined : drawn.get(message);
            if (phase && latency !== undefined) phase.proxyOverhead.push(elapsed - latency);
          });
        },
      );
      forward.on("error", () => {
        record(phase, route, performance.now() - started, false);
        res.destroy();
      });
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => tap.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => (tap.closeAllConnections(), tap.close(resolve))));
    const tapPort = (tap.address() as AddressInfo).port;
    const tapUrl = `http://127.0.0.1:${tapPort}`;

    // What the tap itself adds: the same idle request, straight and through it, alternating.
    const probe = new http.Agent({ keepAlive: true });
    const timedHealth = (target: number) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        http
          .get({ host: "127.0.0.1", port: target, path: "/api/v1/health", agent: probe }, (res) => {
            res.resume();
            res.on("end", () => resolve(performance.now() - started));
          })
          .on("error", reject);
      });
    const straight: number[] = [];
    const tapped: number[] = [];
    for (let i = 0; i < 100; i++) {
      straight.push(await timedHealth(port));
      tapped.push(await timedHealth(tapPort));
    }
    probe.destroy();
    const tapCostMs = percentile(tapped, 50) - percentile(straight, 50);

    // ---- the worker: its own process, finding the database through the data dir as `npm run worker` does ----
    const sandboxMax = Math.min(64, Math.max(20, SPECS * 2)); // a spec's next task may start before its last one is counted out
    worker = startScript(
      "worker",
      "scripts/worker.ts",
      {
        ...baseEnv,
        OMOIOS_DATA_DIR: dataDir,
        DATABASE_URL: "",
        OMOIOS_AGENT_BUNDLE: bundlePath,
        OMOIOS_PUBLIC_URL: tapUrl,
        NEXTAUTH_URL: baseUrl,
        LOCAL_SANDBOX_MAX: String(sandboxMax),
        // The worker judges the repository policy again before every clone.
        LOCAL_REPO_ROOTS: path.join(dataDir, "repos"),
      },
      path.join(dataDir, "worker.log"),
      /running \(sandboxes/,
    );
    await waitReady("worker", worker, 120_000);
    const workerPid = worker.child.pid!;

    // ---- memory: web, worker and every agent (found by its pid file) every 250 ms ----
    const rest = { web: 0, worker: 0 };
    const sampler = setInterval(() => {
      const webRss = memoryOf(webPid)?.rss ?? 0;
      const workerRss = memoryOf(workerPid)?.rss ?? 0;
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(sandboxRoot);
      } catch {}
      for (const sandboxId of entries) {
        if (sandboxId === "logs" || agents.has(sandboxId)) continue;
        try {
          const [pid, startTime] = fs.readFileSync(path.join(sandboxRoot, sandboxId, "agent.pid"), "utf8").trim().split(" ");
          if (pid && startTime) agents.set(sandboxId, { sandboxId, pid: Number(pid), startTime, phase: current?.name ?? "", peak: 0, alive: true });
        } catch {} // its agent has not started yet
      }
      let agentSum = 0;
      let live = 0;
      for (const agent of agents.values()) {
        if (!agent.alive) continue;
        const memory = agent.startTime === "unknown" || startTimeOf(agent.pid) === agent.startTime ? memoryOf(agent.pid) : null;
        if (!memory) {
          agent.alive = false;
          continue;
        }
        agent.peak = Math.max(agent.peak, memory.hwm);
        agentSum += memory.rss;
        live++;
      }
      const peak = current?.peak;
      if (!peak) return;
      peak.web = Math.max(peak.web, webRss);
      peak.worker = Math.max(peak.worker, workerRss);
      peak.sum = Math.max(peak.sum, webRss + workerRss + agentSum);
      peak.liveAgents = Math.max(peak.liveAgents, live);
    }, SAMPLE_MS);
    cleanups.push(() => clearInterval(sampler));

    // ---- the interface's HTTP client: keep-alive, every request timed until its body is read ----
    const ui = new http.Agent({ keepAlive: true, maxSockets: 256 });
    cleanups.push(() => ui.destroy());
    const call = (phase: Phase | null, method: string, pathname: string, apiKey: string, body?: unknown) =>
      new Promise<{ status: number; json: any; text: string }>((resolve) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const started = performance.now();
        const done = (status: number, text: string) => {
          record(phase, routeName(method, pathname), performance.now() - started, status >= 200 && status < 300);
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status, json, text });
        };
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            path: pathname,
            method,
            agent: ui,
            headers: {
              authorization: `Bearer ${apiKey}`,
              ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
            res.on("error", () => done(0, ""));
          },
        );
        req.on("error", () => done(0, ""));
        req.end(payload);
      });

    // ---- seed: a user (with an API key) and a project on its own repository per project, all through the API ----
    interface Project {
      id: string;
      /** Its board's key. */
      apiKey: string;
      /** One per spec page, as each page would be its own browser (API keys are rate-limited, sessions are not). */
      pageKeys: string[];
    }
    const makeProject = async (name: string, specs: number): Promise<Project> => {
      const user = await createUser({ name, email: `${name}-${Date.now()}@example.test` });
      const newKey = async () => (await createApiKey({ userId: user.id, input: { name: "bench", scopes: ["read", "write"] } })).key;
      const key = await newKey();
      const pageKeys = await Promise.all(Array.from({ length: specs }, newKey));
      const repo = createSampleRepo(path.join(dataDir, "repos", name));
      const created = await call(null, "POST", "/api/v1/projects", key, {
        name,
        repoUrl: repo,
        testCommand: "node --test",
        autoExecuteTickets: true,
        maxConcurrentTasks: Math.min(50, specs), // a spec's tickets form a chain: one task per spec at a time
      });
      if (created.status !== 201) throw new Error(`creating project ${name} answered ${created.status}: ${created.text.slice(0, 300)}`);
      return { id: created.json.project.id, apiKey: key, pageKeys };
    };
    const soloProject = await makeProject("solo", 1);
    const projects = await Promise.all(Array.from({ length: PROJECTS }, (_, i) => makeProject(`load-${i + 1}`, Math.ceil((SPECS - i) / PROJECTS))));
    rest.web = memoryOf(webPid)?.rss ?? 0;
    rest.worker = memoryOf(workerPid)?.rss ?? 0;

    // ---- one phase: launch specs at once, poll like the interface, wait until each is completed (or stuck) ----
    async function runPhase(name: string, plan: { project: Project; pageKey: string }[]) {
      const phase = newPhase(name);
      current = phase;
      const cpu = () => ({
        web: processCpuMs(webPid),
        worker: processCpuMs(workerPid),
        workerChildren: processCpuMs(workerPid, true) - processCpuMs(workerPid),
        postgres: postgresCpuMs(postmaster),
        bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      });
      const cpuBefore = cpu();
      const fakeFrom = fake.messageRequests().length;
      const launchedAt = Date.now();
      say(`${name}: launching ${plan.length} spec${plan.length > 1 ? "s" : ""} at once`);
      const launched = await Promise.all(
        plan.map(async ({ project, pageKey }, i) => {
          const answer = await call(phase, "POST", "/api/v1/specs/launch", pageKey, {
            projectId: project.id,
            prompt: `Greet people in their own language (${name} ${i + 1})\nSupport French and German, fall back to English.`,
          });
          if (answer.status !== 201) throw new Error(`launch answered ${answer.status}: ${answer.text.slice(0, 300)}`);
          return { specId: answer.json.specId as string, pageKey };
        }),
      );
      const specIds = launched.map((l) => l.specId);

      // The interface: per spec its page (detail + timeline), per project its board.
      let stopped = false;
      const live = new Map(specIds.map((id) => [id, true]));
      const timelines = new Map(launched.map(({ specId, pageKey }) => [specId, { pageKey, cursor: 0, received: 0, outOfOrder: 0 }]));
      const every = async (intervalMs: number, tick: () => Promise<boolean>) => {
        await sleep(Math.random() * intervalMs); // pages opened at slightly different moments
        while (!stopped) {
          const started = performance.now();
          if (!(await tick())) return;
          await sleep(Math.max(0, intervalMs - (performance.now() - started)));
        }
      };
      const readTimeline = async (specId: string, timed: boolean) => {
        const timeline = timelines.get(specId)!;
        for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
          const answer = await call(timed ? phase : null, "GET", `/api/v1/specs/${specId}/events?after=${timeline.cursor}&limit=${PAGE}`, timeline.pageKey);
          if (answer.status !== 200) return;
          for (const event of answer.json.events as { seq: number }[]) {
            if (event.seq <= timeline.cursor) timeline.outOfOrder++;
            timeline.cursor = Math.max(timeline.cursor, event.seq);
            timeline.received++;
          }
          if (!answer.json.hasMore) return;
        }
      };
      const pollers = [
        ...launched.map(({ specId, pageKey }) =>
          every(DETAIL_POLL_MS, async () => {
            const answer = await call(phase, "GET", `/api/v1/specs/${specId}`, pageKey);
            if (answer.status === 200) live.set(specId, isSpecLive(answer.json.spec as SpecDto));
            return live.get(specId)!;
          }),
        ),
        ...specIds.map((specId) =>
          every(EVENTS_POLL_MS, async () => {
            // Like the timeline: once the spec is no longer live, one last poll collects what was written as it ended.
            const wasLive = live.get(specId)!;
            await readTimeline(specId, true);
            return wasLive;
          }),
        ),
        ...[...new Set(plan.map((p) => p.project))].map((project) =>
          every(BOARD_POLL_MS, async () => {
            await call(phase, "GET", `/api/v1/board/view?projectId=${project.id}&scope=all`, project.apiKey);
            return true;
          }),
        ),
      ];

      // Done when every spec is completed, or has failed, or has a task that gave up (its ticket stays blocked).
      let timedOut = false;
      let lastReport = Date.now();
      for (;;) {
        const { rows } = await raw.query<{ id: string; g: string; e: string; taskFailed: boolean }>(
          `SELECT s.id, s."generationStatus"::text AS g, s."executionStatus"::text AS e,
                  EXISTS (SELECT 1 FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId" WHERE k."specId" = s.id AND t.status = 'failed') AS "taskFailed"
           FROM "Spec" s WHERE s.id = ANY($1)`,
          [specIds],
        );
        const pending = rows.filter((r) => r.e !== "completed" && !["failed", "cancelled"].includes(r.g) && !r.taskFailed);
        if (pending.length === 0) break;
        if (Date.now() > deadline) {
          timedOut = true;
          say(`${name}: the deadline (--timeout-min ${TIMEOUT_MIN}) passed with ${pending.length} spec(s) unfinished`);
          break;
        }
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          const generating = rows.filter((r) => r.g === "running").length;
          say(`${name}: ${rows.length - pending.length}/${rows.length} done; ${generating} generating, ${pending.length - generating} running tickets`);
        }
        await sleep(500);
      }
      stopped = true;
      await Promise.all(pollers);
      const phaseEndedAt = Date.now();

      // Agents end right after their terminal event; give the last ones a moment before counting survivors.
      const phaseAgents = () => [...agents.values()].filter((a) => a.phase === name);
      for (let i = 0; i < 40 && phaseAgents().some((a) => startTimeOf(a.pid) === a.startTime); i++) await sleep(250);
      const survivors = phaseAgents().filter((a) => startTimeOf(a.pid) === a.startTime).map((a) => a.sandboxId);
      const cpuAfter = cpu();
      current = null;

      // ---- what the database says ----
      const { rows: specs } = await raw.query<{
        id: string;
        g: string;
        e: string;
        respawns: number;
        lastError: string | null;
        claimedAt: Date | null;
        firstAgentAt: Date | null;
        generatedAt: Date | null;
        executedAt: Date | null;
        lastAcceptedAt: Date | null;
        passedPhases: number;
        planSize: number;
        tickets: number;
        ticketsDone: number;
        tasksCompleted: number;
        tasks: number;
        retries: number;
      }>(
        `SELECT s.id, s."generationStatus"::text AS g, s."executionStatus"::text AS e, s."respawnCount" AS respawns, s."lastError",
                (SELECT min(b."createdAt") FROM "Sandbox" b WHERE b."specId" = s.id AND b.purpose = 'spec') AS "claimedAt",
                (SELECT min(b."startedAt") FROM "Sandbox" b WHERE b."specId" = s.id AND b.purpose = 'spec') AS "firstAgentAt",
                s."completedAt" AS "generatedAt",
                -- The worker's, when the last ticket is done (the spec agent sends one of the same type when SYNC passed).
                (SELECT min(v."createdAt") FROM "SandboxEvent" v WHERE v."specId" = s.id AND v.type = 'spec.execution_completed' AND v.source = 'worker') AS "executedAt",
                -- The last ticket's work accepted by its agent's harness: from here on it is the server's integration.
                (SELECT max(v."createdAt") FROM "SandboxEvent" v JOIN "Task" t ON t.id = v."taskId" JOIN "Ticket" k ON k.id = t."ticketId"
                  WHERE k."specId" = s.id AND v.type = 'task.completed') AS "lastAcceptedAt",
                (SELECT count(DISTINCT r.phase)::int FROM "PhaseRun" r WHERE r."specId" = s.id AND r.status = 'passed') AS "passedPhases",
                (SELECT count(*)::int FROM "SpecTask" t WHERE t."specId" = s.id) AS "planSize",
                (SELECT count(*)::int FROM "Ticket" k WHERE k."specId" = s.id) AS tickets,
                (SELECT count(*)::int FROM "Ticket" k WHERE k."specId" = s.id AND k.status = 'done' AND NOT k."isBlocked") AS "ticketsDone",
                (SELECT count(*)::int FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId" WHERE k."specId" = s.id) AS tasks,
                (SELECT count(*)::int FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId" WHERE k."specId" = s.id AND t.status = 'completed') AS "tasksCompleted",
                (SELECT coalesce(sum(greatest(t.attempt - 1, 0)), 0)::int FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId" WHERE k."specId" = s.id) AS retries
         FROM "Spec" s WHERE s.id = ANY($1)`,
        [specIds],
      );
      // Where a ticket's time goes: waiting for dispatch once its dependency is integrated (or SYNC done), its agent,
      // delivery (export, push, accepted), integration (merge, tests in an integration sandbox, fast-forward).
      const integratedAt = (task: string) => `(SELECT min(v."createdAt") FROM "SandboxEvent" v WHERE v."taskId" = ${task} AND v.type = 'task.integrated')`;
      const { rows: ticketTimes } = await raw.query<{ readyAt: Date | null; agentAt: Date | null; agentEndedAt: Date | null; acceptedAt: Date | null; doneAt: Date | null }>(
        `SELECT greatest(s."completedAt", (SELECT max(${integratedAt("dt.id")}) FROM "TicketDependency" d JOIN "Task" dt ON dt."ticketId" = d."dependsOnId" WHERE d."ticketId" = k.id)) AS "readyAt",
                b."startedAt" AS "agentAt", b."endedAt" AS "agentEndedAt", t."completedAt" AS "acceptedAt", ${integratedAt("t.id")} AS "doneAt"
         FROM "Ticket" k JOIN "Spec" s ON s.id = k."specId" JOIN "Task" t ON t."ticketId" = k.id
         LEFT JOIN LATERAL (SELECT "startedAt", "endedAt" FROM "Sandbox" WHERE "taskId" = t.id AND purpose = 'task' ORDER BY "createdAt" DESC LIMIT 1) b ON true
         WHERE k."specId" = ANY($1)`,
        [specIds],
      );
      const completed = specs.filter((s) => s.g === "completed" && s.e === "completed" && s.passedPhases === WORK_PHASE_COUNT && s.ticketsDone === s.tickets);
      const since = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : NaN);
      const launchDate = new Date(launchedAt);
      const wallMs = completed.length === specs.length ? Math.max(...specs.map((s) => since(launchDate, s.executedAt))) : NaN;

      const taskIds = (await raw.query<{ id: string }>(`SELECT t.id FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId" WHERE k."specId" = ANY($1)`, [specIds])).rows.map((r) => r.id);
      const sandboxIds = (await raw.query<{ id: string }>(`SELECT id FROM "Sandbox" WHERE "specId" = ANY($1) OR "taskId" = ANY($2)`, [specIds, taskIds])).rows.map((r) => r.id);
      const { rows: sandboxRows } = await raw.query<{ purpose: string; status: string; n: number }>(
        `SELECT purpose::text, status::text, count(*)::int AS n FROM "Sandbox" WHERE id = ANY($1) GROUP BY 1, 2`,
        [sandboxIds],
      );
      const { rows: eventRows } = await raw.query<{ source: string; n: number }>(
        `SELECT source::text, count(*)::int AS n FROM "SandboxEvent" WHERE "specId" = ANY($1) OR "taskId" = ANY($2) OR "sandboxId" = ANY($3) GROUP BY 1`,
        [specIds, taskIds, sandboxIds],
      );
      // The timelines: one last catch-up, then every event up to each cursor must have been seen exactly once.
      for (const specId of specIds) await readTimeline(specId, false);
      const { rows: storedUpTo } = await raw.query<{ specId: string; n: number }>(
        `SELECT c.id AS "specId", count(e.id)::int AS n
         FROM unnest($1::text[], $2::bigint[]) AS c(id, cursor) LEFT JOIN "SandboxEvent" e ON e."specId" = c.id AND e.seq <= c.cursor
         GROUP BY c.id`,
        [specIds, specIds.map((id) => timelines.get(id)!.cursor)],
      );
      const timelineGaps = specIds.filter((id) => {
        const t = timelines.get(id)!;
        return t.outOfOrder > 0 || t.received !== (storedUpTo.find((r) => r.specId === id)?.n ?? 0);
      });

      // Metering is written after each response: wait for it to catch up with the fake's count.
      const calls = fake.messageRequests().slice(fakeFrom);
      const answered = calls.filter((c) => c.status === 200).length;
      let usage: { n: number; input: number; output: number; cacheRead: number; cacheWrite: number; cost: number } = { n: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cost: 0 };
      for (let i = 0; i < 20; i++) {
        const { rows } = await raw.query(
          `SELECT count(*)::int AS n, coalesce(sum("inputTokens"), 0)::int AS input, coalesce(sum("outputTokens"), 0)::int AS output,
                  coalesce(sum("cacheReadTokens"), 0)::int AS "cacheRead", coalesce(sum("cacheWriteTokens"), 0)::int AS "cacheWrite",
                  coalesce(sum("costUsd"), 0)::float AS cost
           FROM "LlmUsage" WHERE "sandboxId" = ANY($1)`,
          [sandboxIds],
        );
        usage = rows[0];
        if (usage.n >= answered) break;
        await sleep(250);
      }

      // Every ticket's branch was pushed to its project's repository.
      const { rows: branches } = await raw.query<{ key: string; repo: string; projectId: string; projectName: string }>(
        `SELECT k.key, p."repoUrl" AS repo, p.id AS "projectId", p.name AS "projectName" FROM "Ticket" k JOIN "Project" p ON p.id = k."projectId" WHERE k."specId" = ANY($1)`,
        [specIds],
      );
      // …and every spec's branch holds every one of its tickets' delivered commits (one integrated change).
      const { rows: delivered } = await raw.query<{ repo: string; branch: string | null; sha: string | null }>(
        `SELECT p."repoUrl" AS repo, s.branch, t."deliveredSha" AS sha FROM "Task" t JOIN "Ticket" k ON k.id = t."ticketId"
         JOIN "Spec" s ON s.id = k."specId" JOIN "Project" p ON p.id = k."projectId" WHERE k."specId" = ANY($1)`,
        [specIds],
      );
      const unintegrated = delivered.filter(({ repo, branch, sha }) => {
        try {
          execFileSync("git", ["-C", repo, "merge-base", "--is-ancestor", sha ?? "none", `refs/heads/${branch}`], { stdio: "ignore" });
          return false;
        } catch {
          return true;
        }
      }).length;
      const missingBranches = branches.filter(({ key, repo, projectId, projectName }) => {
        try {
          const branch = ticketBranchName({ id: projectId, name: projectName }, key);
          execFileSync("git", ["-C", repo, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], { stdio: "ignore" });
          return false;
        } catch {
          return true;
        }
      });

      const cpuUsed = Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, (v - cpuBefore[k as keyof typeof cpuBefore]) / 1000])) as Record<keyof typeof cpuBefore, number>;
      const seenAgents = phaseAgents();
      const sandboxCount = sandboxRows.reduce((sum, r) => sum + r.n, 0);
      const eventsStored = eventRows.reduce((sum, r) => sum + r.n, 0);
      const spanMs = (Number.isFinite(wallMs) ? wallMs : phaseEndedAt - launchedAt) || 1;
      const unfinished = specs.filter((s) => !completed.includes(s));
      for (const spec of unfinished.slice(0, 3)) {
        say(`${name}: spec ${spec.id} did not complete: generation ${spec.g}, execution ${spec.e}, tickets done ${spec.ticketsDone}/${spec.tickets}${spec.lastError ? `, last error: ${spec.lastError}` : ""}`);
      }
      return {
        name,
        specs: specs.length,
        completed: completed.length,
        timedOut,
        wallMs: Number.isFinite(wallMs) ? wallMs : null,
        specsPerMinute: Number.isFinite(wallMs) ? (completed.length / wallMs) * 60_000 : null,
        perSpecMs: {
          total: stats(specs.map((s) => since(launchDate, s.executedAt)).filter(Number.isFinite)),
          toClaim: stats(specs.map((s) => since(launchDate, s.claimedAt)).filter(Number.isFinite)),
          claimToAgent: stats(specs.map((s) => since(s.claimedAt, s.firstAgentAt)).filter(Number.isFinite)),
          generation: stats(specs.map((s) => since(launchDate, s.generatedAt)).filter(Number.isFinite)),
          execution: stats(specs.map((s) => since(s.generatedAt, s.executedAt)).filter(Number.isFinite)),
          lastAcceptedToCompleted: stats(specs.map((s) => since(s.lastAcceptedAt, s.executedAt)).filter(Number.isFinite)),
        },
        perTicketMs: {
          readyToAgent: stats(ticketTimes.map((t) => since(t.readyAt, t.agentAt)).filter(Number.isFinite)),
          agent: stats(ticketTimes.map((t) => since(t.agentAt, t.agentEndedAt)).filter(Number.isFinite)),
          delivery: stats(ticketTimes.map((t) => since(t.agentEndedAt, t.acceptedAt)).filter(Number.isFinite)),
          integration: stats(ticketTimes.map((t) => since(t.acceptedAt, t.doneAt)).filter(Number.isFinite)),
        },
        tickets: specs.reduce((sum, s) => sum + s.tickets, 0),
        ticketsDone: specs.reduce((sum, s) => sum + s.ticketsDone, 0),
        tasks: specs.reduce((sum, s) => sum + s.tasks, 0),
        tasksCompleted: specs.reduce((sum, s) => sum + s.tasksCompleted, 0),
        taskRetries: specs.reduce((sum, s) => sum + s.retries, 0),
        respawns: specs.reduce((sum, s) => sum + s.respawns, 0),
        wrongTicketCounts: specs.filter((s) => s.tickets !== s.planSize || s.planSize !== PLAN_SIZE).length,
        sandboxes: Object.fromEntries(sandboxRows.map((r) => [`${r.purpose} ${r.status}`, r.n])),
        lostSandboxes: sandboxRows.filter((r) => r.status === "lost" || r.status === "failed").reduce((sum, r) => sum + r.n, 0),
        events: { stored: eventsStored, perSecond: (eventsStored / spanMs) * 1000, bySource: Object.fromEntries(eventRows.map((r) => [r.source, r.n])) },
        timelineGaps: timelineGaps.length,
        model: {
          calls: calls.length,
          answered,
          perSpec: calls.length / specs.length,
          floorMs: (calls.length / specs.length) * MODEL_LATENCY_MS,
          metered: usage.n,
          tokens: { input: usage.input, output: usage.output, cacheRead: usage.cacheRead, cacheWrite: usage.cacheWrite },
          costUsd: round(usage.cost, 4),
        },
        routes: Object.fromEntries([...phase.routes].sort(([a], [b]) => a.localeCompare(b)).map(([route, r]) => [route, { ...stats(r.ms), errors: r.errors }])) as Record<string, Stats & { errors: number }>,
        proxyOverheadMs: stats(phase.proxyOverhead),
        memoryMiB: {
          web: round(phase.peak.web, 0),
          worker: round(phase.peak.worker, 0),
          agentMax: round(seenAgents.length ? Math.max(...seenAgents.map((a) => a.peak)) : NaN, 0),
          agentP50: round(percentile(seenAgents.map((a) => a.peak), 50), 0),
          agentsSeen: seenAgents.length,
          sandboxes: sandboxCount,
          liveAgentsMax: phase.peak.liveAgents,
          sum: round(phase.peak.sum, 0),
        },
        cpuSeconds: Object.fromEntries(Object.entries(cpuUsed).map(([k, v]) => [k, round(v, 1)])) as Record<keyof typeof cpuBefore, number | null>,
        coresBusy: round(Object.values(cpuUsed).reduce((a, b) => a + b, 0) / (spanMs / 1000), 2),
        survivors: survivors.length,
        missingBranches: missingBranches.length,
        unintegrated,
      };
    }

    const solo = await runPhase("solo", [{ project: soloProject, pageKey: soloProject.pageKeys[0]! }]);
    const load = await runPhase(
      "load",
      Array.from({ length: SPECS }, (_, i) => ({ project: projects[i % PROJECTS]!, pageKey: projects[i % PROJECTS]!.pageKeys[Math.floor(i / PROJECTS)]! })),
    );
    const webHwm = memoryOf(webPid)?.hwm ?? null;
    const workerHwm = memoryOf(workerPid)?.hwm ?? null;
    const benchHwm = memoryOf(process.pid)?.hwm ?? null;
    const webProblems = problemLines(web.logPath);
    const workerProblems = problemLines(worker.logPath);

    // ======================= report =======================
    const cores = os.cpus().length;
    const col = 30;
    const row = (label: string, a: string, b: string) => console.log(`  ${label.padEnd(46)} ${a.padEnd(col)} ${b}`);
    const spread = (s: Stats) => (s.n ? `p50 ${ms(s.p50)} / max ${ms(s.max)}` : "–");
    const latency = (s: (Stats & { errors: number }) | undefined) =>
      s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)} (${s.n}${s.errors ? `, ${s.errors} errors` : ""})` : "–";
    console.log(
      `\nLoad benchmark: ${SPECS} specs end to end at once (${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
        `load average ${loadAtStart.toFixed(2)} at start; model latency ${MODEL_LATENCY_MS} ms ± 50 %; ${PROJECTS} projects)`,
    );
    row("", "1 spec alone (baseline)", `${SPECS} specs at once`);
    row("wall: launch → every spec completed", solo.wallMs === null ? "not completed" : ms(solo.wallMs), load.wallMs === null ? "not completed" : `${ms(load.wallMs)}${solo.wallMs && load.wallMs ? ` (${(load.wallMs / solo.wallMs).toFixed(2)}× the solo run)` : ""}`);
    const ideal = solo.wallMs ? (SPECS / solo.wallMs) * 60_000 : null;
    row(
      "throughput",
      solo.specsPerMinute === null ? "–" : `${solo.specsPerMinute.toFixed(1)} specs/min`,
      load.specsPerMinute === null ? "–" : `${load.specsPerMinute.toFixed(1)} specs/min (ideal ${ideal?.toFixed(1) ?? "–"}: ${SPECS} / solo wall)`,
    );
    row("model time on a spec's path (calls × mean)", `${ms(solo.model.floorMs)} (${solo.model.perSpec.toFixed(0)} calls)`, `${ms(load.model.floorMs)} (${load.model.perSpec.toFixed(1)} calls/spec)`);
    row("per spec: launch → completed", spread(solo.perSpecMs.total), spread(load.perSpecMs.total));
    row("  launch → a worker claims it (job queue)", spread(solo.perSpecMs.toClaim), spread(load.perSpecMs.toClaim));
    row("  claim → its agent running (clone, start)", spread(solo.perSpecMs.claimToAgent), spread(load.perSpecMs.claimToAgent));
    row("  launch → spec generated (SYNC)", spread(solo.perSpecMs.generation), spread(load.perSpecMs.generation));
    row("  generated → every ticket integrated", spread(solo.perSpecMs.execution), spread(load.perSpecMs.execution));
    row("  last ticket accepted → spec completed", spread(solo.perSpecMs.lastAcceptedToCompleted), spread(load.perSpecMs.lastAcceptedToCompleted));
    row("per ticket: ready → its agent running", spread(solo.perTicketMs.readyToAgent), spread(load.perTicketMs.readyToAgent));
    row("  its agent's run", spread(solo.perTicketMs.agent), spread(load.perTicketMs.agent));
    row("  agent done → work accepted (export, push)", spread(solo.perTicketMs.delivery), spread(load.perTicketMs.delivery));
    row("  accepted → integrated (merge, tests, fast-forward)", spread(solo.perTicketMs.integration), spread(load.perTicketMs.integration));
    const work = (p: typeof solo) => `${p.completed}/${p.specs} specs, ${p.ticketsDone}/${p.tickets} tickets, ${p.tasksCompleted} tasks`;
    row("completed", work(solo), work(load));
    row("  task retries / spec respawns / lost sandboxes", `${solo.taskRetries} / ${solo.respawns} / ${solo.lostSandboxes}`, `${load.taskRetries} / ${load.respawns} / ${load.lostSandboxes}`);
    const events = (p: typeof solo) => `${p.events.stored} (${p.events.perSecond.toFixed(1)}/s)`;
    row("events stored (per second of wall)", events(solo), events(load));
    const model = (p: typeof solo) => `${p.model.calls} calls, ${p.model.metered} metered, ${p.model.tokens.input + p.model.tokens.cacheRead + p.model.tokens.cacheWrite} in / ${p.model.tokens.output} out tokens`;
    row("model", model(solo), model(load));
    console.log(`\n  Latency p50 / p95 / p99 / max (n): the interface's requests`);
    const uiRoutes = ["POST /specs/launch", "GET /specs/{id}", "GET /specs/{id}/events", "GET /board/view"];
    const routeRow = (route: string) => row(`  ${route}`, latency(solo.routes[route]), latency(load.routes[route]));
    for (const route of uiRoutes) routeRow(route);
    console.log(`  the agents' requests (through the bench's tap)`);
    const agentRoutes = [...new Set([...Object.keys(solo.routes), ...Object.keys(load.routes)])].filter((r) => !uiRoutes.includes(r));
    for (const route of agentRoutes) routeRow(route);
    row("  LLM proxy overhead (call − the fake's latency)", latency({ ...solo.proxyOverheadMs, errors: 0 }), latency({ ...load.proxyOverheadMs, errors: 0 }));
    console.log(`  (the tap adds about ${ms(tapCostMs)} at p50: GET /health ${ms(percentile(straight, 50))} straight, ${ms(percentile(tapped, 50))} through it)`);
    console.log(`\n  Memory (peak RSS sampled every ${SAMPLE_MS} ms; agents: their VmHWM)`);
    row("  web (Next + API + LLM proxy)", `${mib(solo.memoryMiB.web)} (at rest ${mib(rest.web)})`, `${mib(load.memoryMiB.web)} (VmHWM at the end ${mib(webHwm)})`);
    row("  worker", `${mib(solo.memoryMiB.worker)} (at rest ${mib(rest.worker)})`, `${mib(load.memoryMiB.worker)} (VmHWM at the end ${mib(workerHwm)})`);
    const agentLine = (p: typeof solo) => `max ${mib(p.memoryMiB.agentMax)}, p50 ${mib(p.memoryMiB.agentP50)} (${p.memoryMiB.agentsSeen} seen of ${p.memoryMiB.sandboxes} sandboxes)`;
    row("  agent", agentLine(solo), agentLine(load));
    row("  agents alive at once, most", String(solo.memoryMiB.liveAgentsMax), String(load.memoryMiB.liveAgentsMax));
    row("  web + worker + agents, peak of the sum", mib(solo.memoryMiB.sum), mib(load.memoryMiB.sum));
    row("  baseline: an idle `node`", mib(bareRss), `bench process VmHWM ${mib(benchHwm)}`);
    console.log(`\n  CPU seconds over the phase (cores busy on average, of ${cores})`);
    const cpuLine = (p: typeof solo) =>
      `web ${p.cpuSeconds.web}, worker ${p.cpuSeconds.worker}, agents+git ${p.cpuSeconds.workerChildren}, postgres ${p.cpuSeconds.postgres}, bench ${p.cpuSeconds.bench} (${p.coresBusy})`;
    console.log(`    solo: ${cpuLine(solo)}`);
    console.log(`    load: ${cpuLine(load)}`);

    const checks: [string, boolean][] = [];
    for (const p of [solo, load]) {
      checks.push(
        [`${p.name}: every spec completed (all ${WORK_PHASE_COUNT} phases passed, every ticket done): ${p.completed}/${p.specs}`, p.completed === p.specs && !p.timedOut],
        [`${p.name}: every task completed: ${p.tasksCompleted}/${p.tasks}`, p.tasksCompleted === p.tasks && p.tasks === p.tickets],
        [`${p.name}: tickets per spec = plan size (${PLAN_SIZE}), none duplicated: ${p.wrongTicketCounts} spec(s) off`, p.wrongTicketCounts === 0],
        [`${p.name}: every ticket's branch pushed to its repository: ${p.missingBranches} missing`, p.missingBranches === 0],
        [`${p.name}: every ticket's delivered work is in its spec branch: ${p.unintegrated} missing`, p.unintegrated === 0],
        [`${p.name}: every model call metered: ${p.model.metered}/${p.model.answered}`, p.model.metered === p.model.answered],
        [`${p.name}: every timeline saw each stored event once, in order: ${p.timelineGaps} spec(s) off`, p.timelineGaps === 0],
        [`${p.name}: no agent process left alive: ${p.survivors}`, p.survivors === 0],
      );
    }
    console.log(`\n  Checks`);
    for (const [text, ok] of checks) console.log(`    ${ok ? "ok  " : "FAIL"} ${text}`);
    console.log(`  Logs: web ${webProblems.length} warning/error lines, worker ${workerProblems.length}${webProblems.length + workerProblems.length ? "; first:" : ""}`);
    for (const line of [...webProblems.slice(0, 5), ...workerProblems.slice(0, 5)]) console.log(`    ${line.slice(0, 300)}`);

    const figures = {
      date: new Date().toISOString(),
      machine: { cores, memGiB: round(os.totalmem() / 2 ** 30, 0), node: process.version, loadAtStart: round(loadAtStart, 2) },
      tapCostMs: round(tapCostMs, 2),
      params: { specs: SPECS, projects: PROJECTS, modelLatencyMs: MODEL_LATENCY_MS, jitter: "uniform ±50%", timeoutMin: TIMEOUT_MIN, localSandboxMax: sandboxMax },
      solo,
      load,
      idealSpecsPerMinute: round(ideal ?? NaN, 2),
      slowdownVsSolo: round(solo.wallMs && load.wallMs ? load.wallMs / solo.wallMs : NaN, 2),
      memoryMiB: { bareNode: round(bareRss ?? NaN, 0), webAtRest: round(rest.web, 0), workerAtRest: round(rest.worker, 0), webHwm: round(webHwm ?? NaN, 0), workerHwm: round(workerHwm ?? NaN, 0), benchHwm: round(benchHwm ?? NaN, 0) },
      logProblems: { web: webProblems.length, worker: workerProblems.length },
      checksPassed: checks.every(([, ok]) => ok),
    };
    console.log(`\nJSON ${JSON.stringify(figures)}`);
    return figures.checksPassed;
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
