// `npm start` and `npm run worker` stop when the process a process manager started — npm — is told to stop, and leave
// nothing behind: no tsx, no node, no embedded PostgreSQL, no port, no postmaster.pid. Real processes throughout: the
// real npm runs the real package.json scripts, and only npm's own pid is signalled, as systemd, Docker or pm2 do.
// npm 11 passes SIGTERM to the `sh -c` running the script only, which dies without passing it on, and does not pass
// SIGHUP at all: what ends tsx, node and PostgreSQL is the app noticing its launchers are gone (watch-launcher.ts).
// Checked: with that watch switched off, the SIGTERM tests fail with tsx, node, esbuild and PostgreSQL left running.
//
// Why `npm start -- --dev`: plain `npm start` runs a production `next build` whenever the sources changed since the
// last one (minutes on two cores, and it rewrites the .next/ folder other runs use). `-- --dev` is still `npm start`,
// the same script with one more argument, so the chain is the same — npm → sh → tsx → node (start.ts), with the
// embedded PostgreSQL, the HTTP server and the in-process worker — and only Next's request handling differs (its dev
// compiler compiles the health route on first request, about 10 s). The dev server holds a lock on .next/dev: this
// file fails if someone runs `npm run dev` in the same checkout at the same time.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";

const STOP_WITHIN_MS = 30_000;

interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  /** Clock ticks since boot: a reused pid belongs to a process with another start time. */
  startTime: string;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  command: string;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      ppid: Number(fields[1]),
      state: fields[0]!,
      startTime: fields[19]!,
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
    };
  } catch {
    return null;
  }
}

/** `root` and every process below it, by the parent pids in /proc (process groups and sessions do not matter). */
function processTree(root: number): ProcStat[] {
  const all = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  const tree: ProcStat[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const stat = all.find((s) => s.pid === pid);
    if (!stat) continue;
    tree.push(stat);
    for (const child of all) if (child.ppid === pid) queue.push(child.pid);
  }
  return tree;
}

/** Still running: the same process (not a reused pid), and not a zombie waiting for an init that reaps slowly. */
const isAlive = (p: ProcStat) => {
  const now = readStat(p.pid);
  return now !== null && now.startTime === p.startTime && now.state !== "Z";
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether this process can listen on `port` itself (on the same address the app's server uses). */
async function canListen(port: number, host?: string): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => resolve(true));
  });
  if (ok) await new Promise((resolve) => server.close(resolve));
  return ok;
}

async function waitFor(what: string, ms: number, check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Launched {
  npm: ChildProcess;
  dataDir: string;
  output: { text: string };
  /** Every process of the run seen so far (filled by record()). */
  recorded: ProcStat[];
}

const launched: Launched[] = [];

/** npm with `args`, in its own process group (as under a process manager), in this checkout. */
function launchNpm(args: string[], env: NodeJS.ProcessEnv, dataDir: string): Launched {
  const npm = spawn("npm", args, { cwd: process.cwd(), env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "" };
  npm.stdout!.on("data", (d: Buffer) => (output.text += d.toString()));
  npm.stderr!.on("data", (d: Buffer) => (output.text += d.toString()));
  npm.stdout!.on("error", () => {});
  npm.stderr!.on("error", () => {});
  const run: Launched = { npm, dataDir, output, recorded: [] };
  launched.push(run);
  return run;
}

/** The environment of a run: this test worker's, minus what setup-env.ts points at the shared test database. */
function runEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["DATABASE_URL", "NEXTAUTH_URL", "NODE_ENV"]) if (!(name in extra)) delete env[name];
  return env;
}

/** Records the processes now under npm; repeated calls add newcomers. */
function record(run: Launched): ProcStat[] {
  for (const p of processTree(run.npm.pid!)) {
    if (!run.recorded.some((r) => r.pid === p.pid && r.startTime === p.startTime)) run.recorded.push(p);
  }
  return run.recorded;
}

const postmasterPidFile = (dataDir: string) => path.join(dataDir, "pg", "postmaster.pid");

/** pid and port of the embedded PostgreSQL, from its postmaster.pid (line 1 and line 4). */
function readPostmaster(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(postmasterPidFile(dataDir), "utf8").split("\n");
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

/** Never leaves anything running, whatever failed: SIGKILL to npm's group and to every process of the run. */
function killEverything(run: Launched) {
  if (run.npm.exitCode === null && run.npm.signalCode === null) record(run);
  const postmaster = readPostmaster(run.dataDir);
  const pids = new Set([...run.recorded.filter(isAlive).map((p) => p.pid), ...(postmaster && postmaster.pid > 1 ? [postmaster.pid] : [])]);
  try {
    process.kill(-run.npm.pid!, "SIGKILL");
  } catch {
    // the group is gone already
  }
  // PostgreSQL's processes each lead their own session, out of reach of the group signal.
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}

afterEach(async () => {
  for (const run of launched.splice(0)) {
    killEverything(run);
    await waitFor("the killed processes to go", 10_000, () => !run.recorded.some(isAlive)).catch(() => {});
    fs.rmSync(run.dataDir, { recursive: true, force: true });
  }
});

/** Signals npm alone and checks that npm and every recorded process end within STOP_WITHIN_MS. */
async function signalNpmAndWaitForAll(run: Launched, signal: NodeJS.Signals) {
  const npmEnded = () => run.npm.exitCode !== null || run.npm.signalCode !== null;
  process.kill(run.npm.pid!, signal); // npm's pid only, not its group
  const allEnded = () => npmEnded() && !run.recorded.some(isAlive);
  await waitFor(`every process of the run to end after ${signal}`, STOP_WITHIN_MS, allEnded).catch(() => {});
  expect(npmEnded(), `npm still running ${STOP_WITHIN_MS / 1000} s after ${signal}`).toBe(true);
  const survivors = run.recorded.filter(isAlive).map((p) => `${p.pid} ${p.command}`);
  expect(survivors, `processes left ${STOP_WITHIN_MS / 1000} s after ${signal} to npm; output:\n${run.output.text}`).toEqual([]);
}

/** Starts `npm start` on a fresh data folder and free port and waits until its health route answers. */
async function startApp() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-sigterm-"));
  const port = await freePort();
  const run = launchNpm(
    ["start", "--", "--dev"],
    runEnv({
      OMOIOS_DATA_DIR: dataDir,
      PORT: String(port),
      // Nothing here starts an agent; without bubblewrap, `bwrap` isolation would have start.ts run apt-get as root.
      SANDBOX_ISOLATION: "none",
    }),
    dataDir,
  );
  await waitFor("`npm start` to say it is ready", 90_000, () => {
    if (run.npm.exitCode !== null) throw new Error(`npm start exited (${run.npm.exitCode}):\n${run.output.text}`);
    return run.output.text.includes("OmoiOS is ready at");
  });
  const health = `http://127.0.0.1:${port}/api/v1/health`;
  await waitFor("the health route to answer", 90_000, async () => {
    // The first request waits for the dev compiler (about 10 s).
    const res = await fetch(health, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
    return res?.status === 200 && ((await res.json()) as { status: string }).status === "ok";
  });
  const recorded = record(run);
  const postmaster = readPostmaster(dataDir);
  // The walk must have found the whole chain, or "nothing is left" proves little.
  expect(postmaster).not.toBeNull();
  expect(recorded.map((p) => p.pid)).toContain(postmaster!.pid);
  expect(recorded.length).toBeGreaterThanOrEqual(5); // npm, sh, tsx, node, postgres (and its own processes)
  return { run, port, health, postmaster: postmaster! };
}

/** After the stop: the app's port and the database's are free and PostgreSQL was shut down cleanly. */
async function expectReleased(port: number, dataDir: string, postgresPort: number) {
  expect(await canListen(port)).toBe(true);
  expect(await canListen(postgresPort, "127.0.0.1")).toBe(true);
  // PostgreSQL removes its postmaster.pid on a clean shutdown only; a killed server leaves it.
  expect(fs.existsSync(postmasterPidFile(dataDir))).toBe(false);
}

const cpuSeconds = (pids: ProcStat[]) => pids.reduce((sum, p) => sum + (readStat(p.pid)?.cpuTicks ?? 0), 0) / 100;

describe("npm start, stopped through npm", () => {
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    it(`${signal} to npm's pid ends every process of the app and frees its port and database`, async () => {
      const { run, port, postmaster } = await startApp();
      await signalNpmAndWaitForAll(run, signal);
      // An orderly stop (worker, server, metering writes, database), not processes killed on the way.
      expect(run.output.text).toContain("[omoios] stopped");
      await expectReleased(port, run.dataDir, postmaster.port);
    }, 180_000);
  }

  it("keeps serving, idle, when the reader of its output goes away, and still stops on SIGTERM to npm", async () => {
    const { run, port, health, postmaster } = await startApp();
    const server = run.recorded.find((p) => p.pid === readStat(postmaster.pid)?.ppid)!; // the node running start.ts
    expect(server.command).toBe("node");
    const ours = run.recorded.filter((p) => p.command !== "postgres");
    // A bounded wait per request: a server caught in a write-error loop never answers.
    const twentyRequests = async () => {
      for (let i = 0; i < 20; i++) {
        const res = await fetch(health, { signal: AbortSignal.timeout(5_000) });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    };
    // Next's dev compiler works on for a second or two after its first compile (measured: about 1.4 s of CPU);
    // the measurement below starts once the run is quiet, with the output still read.
    await twentyRequests();
    await waitFor("the run to be idle", 30_000, async () => {
      const start = cpuSeconds(ours);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return cpuSeconds(ours) - start < 0.2;
    });

    // As a terminal that closed, or a log collector that died: the reading ends of the pipes every process of the
    // run writes to (npm passes its own stdout and stderr on) are closed.
    run.npm.stdout!.destroy();
    run.npm.stderr!.destroy();
    const before = cpuSeconds(ours);
    // Each request makes Next's dev server log a line to the lost stdout. Without guardLostOutput (checked by
    // disabling it) the first of them is never answered: the server spins on its write errors.
    await twentyRequests();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Twenty requests and the worker's polling (measured: about 0.2 s), not a write-error loop (a whole core).
    expect(cpuSeconds(ours) - before).toBeLessThan(0.8);
    expect(isAlive(server)).toBe(true);

    await signalNpmAndWaitForAll(run, "SIGTERM");
    await expectReleased(port, run.dataDir, postmaster.port);
  }, 180_000);
});

describe("npm run worker, stopped through npm", () => {
  const databases: string[] = [];
  const admin = () => new pg.Client({ connectionString: inject("adminUrl") });
  afterAll(async () => {
    const client = admin();
    await client.connect();
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });

  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    it(`${signal} to npm's pid ends the worker and every process under npm`, async () => {
      // A database of its own on the test server: a worker on the shared test database would take other tests' jobs.
      const database = `omoios_stop_${signal.toLowerCase()}_${Date.now().toString(36)}`;
      databases.push(database);
      const client = admin();
      await client.connect();
      await client.query(`CREATE DATABASE "${database}"`);
      await client.end();
      const url = new URL(inject("adminUrl"));
      url.pathname = `/${database}`;

      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-sigterm-worker-"));
      const run = launchNpm(["run", "worker"], runEnv({ DATABASE_URL: url.toString(), OMOIOS_DATA_DIR: dataDir }), dataDir);
      await waitFor("the worker to say it is running", 90_000, () => {
        if (run.npm.exitCode !== null) throw new Error(`npm run worker exited (${run.npm.exitCode}):\n${run.output.text}`);
        return run.output.text.includes("[omoios worker] running");
      });
      const recorded = record(run);
      expect(recorded.map((p) => p.command)).toEqual(expect.arrayContaining(["npm run worker", "sh", "node"]));
      expect(recorded.length).toBeGreaterThanOrEqual(4); // npm, sh, tsx, node (worker.ts)

      await signalNpmAndWaitForAll(run, signal);
      expect(run.output.text).toContain("[omoios worker] stopped");
    }, 120_000);
  }
});
