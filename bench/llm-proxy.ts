// Benchmark: latency the LLM proxy adds, and streaming throughput through it, in one run.
//   npx tsx bench/llm-proxy.ts [--calls 300] [--streams 20] [--stream-kb 512]
// Baseline: the real SDK straight to the loopback fake Anthropic API. Measured: the same SDK calls through the
// production web server's /api/v1/llm proxy (sandbox token auth, budget check, metering in PostgreSQL).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { startFakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { numberArg, percentile } from "@/bench/bench-utils";

const CALLS = numberArg("calls", 300);
const STREAMS = numberArg("streams", 20);
const STREAM_KB = numberArg("stream-kb", 512);


async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const bigText = "x".repeat(STREAM_KB * 1024);
  const fake = await startFakeAnthropic({
    expectedApiKey: "bench-server-key",
    validate: false,
    script: (request) =>
      request.stream
        ? { content: [{ type: "text", text: bigText }], usage: { input_tokens: 10, output_tokens: 1000 } }
        : { content: [{ type: "text", text: "ok" }], usage: { input_tokens: 10, output_tokens: 2 } },
  });

  const database = await prepareDatabase({ dataDir, database: "bench" });
  process.env.DATABASE_URL = database.url;
  const { db } = await import("@/lib/db/client");
  const { createUser } = await import("@/lib/users/create-user");
  const { issueSandboxToken } = await import("@/lib/auth/issue-sandbox-token");
  const user = await createUser({ name: "Bench", email: `bench-${Date.now()}@example.test` });
  const org = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
  const project = await db.project.create({ data: { orgId: org.orgId, name: "bench" } });
  const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "b", description: "b" } });
  const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running" } });
  const { token } = await issueSandboxToken({ sandboxId: sandbox.id });

  const port = await findFreePort(3300);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      OMOIOS_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      ANTHROPIC_API_KEY: "bench-server-key",
      ANTHROPIC_BASE_URL: fake.url,
      NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/api/v1/health`)).ok) break;
    } catch {}
    if (i > 600) throw new Error("the web server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }

  const direct = new Anthropic({ apiKey: "bench-server-key", baseURL: fake.url, maxRetries: 0 });
  const proxied = new Anthropic({ apiKey: token, baseURL: `http://localhost:${port}/api/v1/llm`, maxRetries: 0 });
  const request = { model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user" as const, content: "hi" }] };

  // Floor of any API route here: Next's request handling plus one trivial query.
  const health: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await (await fetch(`http://localhost:${port}/api/v1/health`)).arrayBuffer();
    health.push(performance.now() - t);
  }

  // Direct and proxied runs alternate in rounds, so drift on a shared machine hits both alike.
  const ROUNDS = 5;
  const samples = { direct: [] as number[], proxy: [] as number[] };
  const bytes = { direct: 0, proxy: 0 };
  const seconds = { direct: 0, proxy: 0 };
  for (const client of [direct, proxied]) for (let i = 0; i < 30; i++) await client.messages.create(request); // warm-up
  for (const client of [direct, proxied]) await client.messages.stream(request).finalMessage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, client] of [["direct", direct], ["proxy", proxied]] as const) {
      for (let i = 0; i < CALLS / ROUNDS; i++) {
        const t = performance.now();
        await client.messages.create(request);
        samples[name].push(performance.now() - t);
      }
      const t = performance.now();
      for (let i = 0; i < STREAMS / ROUNDS; i++) {
        const message = await client.messages.stream(request).finalMessage();
        bytes[name] += (message.content[0] as { text: string }).text.length;
      }
      seconds[name] += (performance.now() - t) / 1000;
    }
  }
  const d = { p50: percentile(samples.direct, 50), p99: percentile(samples.direct, 99) };
  const p = { p50: percentile(samples.proxy, 50), p99: percentile(samples.proxy, 99) };
  const dt = bytes.direct / 1024 / 1024 / seconds.direct;
  const pt = bytes.proxy / 1024 / 1024 / seconds.proxy;
  const recorded = await db.llmUsage.count({ where: { sandboxId: sandbox.id } });

  console.log(`\nLLM proxy benchmark (${CALLS} sequential calls, ${STREAMS} streams of ${STREAM_KB} KiB, this machine: ${os.cpus().length} cores)`);
  console.log(`  floor    GET /api/v1/health (Next + 1 query) p50 ${percentile(health, 50).toFixed(2)} ms  p99 ${percentile(health, 99).toFixed(2)} ms`);
  console.log(`  latency  direct  p50 ${d.p50.toFixed(2)} ms  p99 ${d.p99.toFixed(2)} ms`);
  console.log(`  latency  proxy   p50 ${p.p50.toFixed(2)} ms  p99 ${p.p99.toFixed(2)} ms`);
  console.log(`  added by proxy   p50 ${(p.p50 - d.p50).toFixed(2)} ms  p99 ${(p.p99 - d.p99).toFixed(2)} ms   (target p50 < 2 ms)`);
  console.log(`  streaming direct ${dt.toFixed(1)} MiB/s, proxy ${pt.toFixed(1)} MiB/s: ratio ${(pt / dt).toFixed(3)} (loss ${((1 - pt / dt) * 100).toFixed(1)} %, target < 5 %)`);
  console.log(`  usage rows recorded by the proxy: ${recorded} (expected ${CALLS + 30 + STREAMS + 1}, every proxied call)`);

  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await (await import("@/lib/db/client")).disconnectDb();
  await database.stop();
  await fake.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
