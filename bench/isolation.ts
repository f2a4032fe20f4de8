// Benchmark: what confining a local sandbox costs. Spawn → first agent event with SANDBOX_ISOLATION=bwrap against
// none, alternating in one run, next to the raw baseline of starting node and the agent bundle at all.
//   npx tsx bench/isolation.ts [--spawns 10]
// Each spawn is the local provider's create (clone of a small repository, chown to the sandbox's user) and
// startAgent (bwrap, the network bridge) with the real agent bundle; "first event" is the moment its first event
// batch reaches a loopback stand-in for the app's events route. The stand-in answers the context request with 404,
// so the agent stops right after (and is stopped anyway) — the bench measures start-up, not work.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { numberArg, percentile } from "@/bench/bench-utils";
import { createLocalProvider } from "@/lib/sandbox/local-provider";
import { buildAgentBundle } from "@/scripts/build-agent";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

const SPAWNS = numberArg("spawns", 10);
const run = promisify(execFile);
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-isolation-"));
fs.chmodSync(temp, 0o711);
const repo = createSampleRepo(path.join(temp, "repo"));
const { outfile: bundle } = await buildAgentBundle(path.join(temp, "omoi-agent.mjs"));

const firstEvent = new Map<string, (at: number) => void>();
const app = http.createServer((req, res) => {
  const match = /^\/api\/v1\/sandboxes\/([^/]+)\/events$/.exec(req.url ?? "");
  if (req.method === "POST" && match) firstEvent.get(match[1]!)?.(performance.now());
  req.resume();
  res.writeHead(match ? 200 : 404, { "content-type": "application/json" }).end(match ? '{"accepted":1}' : '{"error":{"code":"not_found"}}');
});
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
const appUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}`;

const providers = {
  bwrap: createLocalProvider({ root: path.join(temp, "bwrap"), agentBundlePath: bundle, isolation: "bwrap", stopGraceMs: 1_000 }),
  none: createLocalProvider({ root: path.join(temp, "none"), agentBundlePath: bundle, isolation: "none", stopGraceMs: 1_000 }),
};
const results: Record<keyof typeof providers, { total: number[]; create: number[]; start: number[] }> = {
  bwrap: { total: [], create: [], start: [] },
  none: { total: [], create: [], start: [] },
};

async function spawnOnce(mode: keyof typeof providers, i: number) {
  const provider = providers[mode];
  const sandboxId = `bench-${mode}-${i}`;
  const seen = new Promise<number>((resolve) => firstEvent.set(sandboxId, resolve));
  const t0 = performance.now();
  const ref = await provider.create({ sandboxId, purpose: "spec", projectId: "bench", specId: "bench", repo: { url: repo, branch: "main" } });
  const t1 = performance.now();
  await provider.startAgent(ref, {
    OMOIOS_API_URL: appUrl,
    OMOIOS_SANDBOX_ID: sandboxId,
    OMOIOS_SANDBOX_TOKEN: "omoisbx_bench-token-that-reaches-only-the-stand-in",
    SPEC_ID: "bench",
    SPEC_PHASE: "explore",
    EXECUTION_MODE: "exploration",
    WORKSPACE_PATH: ref.workspacePath,
    MODEL: "bench-model",
    HEARTBEAT_SECONDS: "15",
  });
  const t2 = performance.now();
  const at = await Promise.race([seen, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`${sandboxId}: no event within 15 s: ${fs.existsSync(ref.logPath ?? "") ? fs.readFileSync(ref.logPath!, "utf8").slice(-400) : ""}`)), 15_000))]);
  results[mode].total.push(at - t0);
  results[mode].create.push(t1 - t0);
  results[mode].start.push(t2 - t1);
  await provider.destroy(ref);
}

const timeProcess = async (args: string[]) => {
  const t = performance.now();
  await run(process.execPath, args);
  return performance.now() - t;
};
const nodeBare: number[] = [];
const bundleHelp: number[] = [];
const bwrapTrue: number[] = [];
for (let i = 0; i < 10; i++) {
  nodeBare.push(await timeProcess(["-e", "0"]));
  bundleHelp.push(await timeProcess([bundle, "--help"]));
  const t = performance.now();
  execFileSync("bwrap", ["--unshare-all", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]);
  bwrapTrue.push(performance.now() - t);
}

say(`${SPAWNS} spawns per mode, alternating (warm-up spawn of each first, not counted)`);
await spawnOnce("bwrap", -1).catch((e) => say(`warm-up bwrap: ${(e as Error).message}`));
await spawnOnce("none", -1).catch((e) => say(`warm-up none: ${(e as Error).message}`));
for (const mode of ["bwrap", "none"] as const) for (const list of Object.values(results[mode])) list.length = 0;
for (let i = 0; i < SPAWNS; i++) {
  await spawnOnce("bwrap", i);
  await spawnOnce("none", i);
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const p50 = (v: number[]) => percentile(v, 50);
console.log("");
console.log("                                      isolated (bwrap)   unconfined (none)   ratio");
console.log(`spawn → first agent event  p50        ${ms(p50(results.bwrap.total)).padEnd(19)}${ms(p50(results.none.total)).padEnd(20)}${(p50(results.bwrap.total) / p50(results.none.total)).toFixed(2)}`);
console.log(`                           max        ${ms(Math.max(...results.bwrap.total)).padEnd(19)}${ms(Math.max(...results.none.total)).padEnd(20)}`);
console.log(`  create (clone, chown)    p50        ${ms(p50(results.bwrap.create)).padEnd(19)}${ms(p50(results.none.create))}`);
console.log(`  startAgent (bridge, spawn) p50      ${ms(p50(results.bwrap.start)).padEnd(19)}${ms(p50(results.none.start))}`);
console.log(`raw baseline: node -e 0 p50 ${ms(p50(nodeBare))}, node <bundle> --help p50 ${ms(p50(bundleHelp))}, bwrap … true p50 ${ms(p50(bwrapTrue))}`);

app.close();
fs.rmSync(temp, { recursive: true, force: true });
process.exit(0);
