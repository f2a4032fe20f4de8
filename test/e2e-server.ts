// The Playwright suite's server: the real `npm start` path (embedded PostgreSQL, production build, worker, local
// sandboxes) with the model replaced by the scripted loopback fake of test/fake-anthropic. Agents reach the fake only
// through the app's LLM proxy, exactly as they would reach Anthropic. Test infrastructure, never the product default.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";

// e2e/invite.spec.ts's server starts as a new instance each run: its first account is still to come.
const dataDir = process.env.OMOIOS_DATA_DIR;
if (process.env.E2E_FRESH_DATA_DIR === "1" && dataDir && path.basename(dataDir).startsWith("omoios-e2e-")) {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const serverKey = "sk-ant-e2e-server-key-0001";
const agent = scriptedSpecAgent();
// A little latency per model turn so a person (and the browser test) can watch phases advance.
const latencyMs = Number(process.env.E2E_MODEL_LATENCY_MS ?? 150);
const fake = await startFakeAnthropic({
  expectedApiKey: serverKey,
  validate: false,
  script: (request) => ({ ...agent(request), latencyMs }),
});

Object.assign(process.env, {
  ANTHROPIC_API_KEY: serverKey,
  ANTHROPIC_BASE_URL: fake.url,
  SANDBOX_HEARTBEAT_SECONDS: process.env.SANDBOX_HEARTBEAT_SECONDS ?? "2",
  LOCAL_SANDBOX_MAX: process.env.LOCAL_SANDBOX_MAX ?? "4",
  // Only the first account owns the server; the other test users' repositories are made in the temp folder.
  LOCAL_REPO_ROOTS: process.env.LOCAL_REPO_ROOTS ?? os.tmpdir(),
  // The specs name github.com repositories that do not exist: asked on a host that never resolves, they are saved
  // as "could not be reached" on every machine, online or not, instead of being refused by a GitHub that answers.
  GITHUB_GIT_URL: process.env.GITHUB_GIT_URL ?? "https://github.invalid",
});
process.stdout.write(`[e2e] fake model at ${fake.url}\n`);

// start.ts runs on import and owns shutdown (it exits the process, which takes the fake with it).
await import("@/scripts/start");
