// `npm test`: type-check, lint, dependency rules, unit + integration tests (vitest on a fresh embedded PostgreSQL),
// then the Playwright e2e suite in Chromium against a production build. Gets a browser when none is installed. Prints
// one summary.
//   npm test -- --no-e2e     skip the browser suite (quick local loop)
//   npm run test:e2e         only the browser suite
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDebianPackage } from "@/scripts/ensure-debian-package";

const skipE2e = process.argv.includes("--no-e2e");
const e2eOnly = process.argv.includes("--e2e-only");
const say = (line: string) => process.stdout.write(`\n[test] ${line}\n`);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.CI ? "0" : process.env.FORCE_COLOR };
const bin = (name: string) => path.resolve("node_modules/.bin", name);

interface Step {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}
const steps: Step[] = [];

function run(name: string, cmd: string, args: string[], counts?: () => Omit<Step, "name" | "ok" | "seconds">) {
  say(`${name}: ${path.basename(cmd)} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  const ok = result.status === 0;
  const tally = safe(counts) ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && tally.failed === 0) tally.failed = 1;
  steps.push({ name, ok, ...tally, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function safe<T>(fn?: () => T): T | undefined {
  try {
    return fn?.();
  } catch {
    return undefined;
  }
}

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Debian's chromium when root with apt-get, else Playwright's own download. Returns false when neither works. */
function ensureBrowser(): boolean {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  if (candidates.some((c) => c && fs.existsSync(c))) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    say("no Chromium found: installing Debian's chromium with apt-get");
    const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: aptEnv });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: aptEnv });
    if (install.status === 0 && fs.existsSync("/usr/bin/chromium")) return true;
  }
  say("no system Chromium: trying Playwright's own browser download");
  return spawnSync(bin("playwright"), ["install", "chromium"], { stdio: "inherit", env }).status === 0;
}

fs.mkdirSync("test-results", { recursive: true });

// Local sandboxes run under bubblewrap; the suites start real ones.
if (!ensureDebianPackage("bwrap", "bubblewrap", say)) say("bubblewrap is missing and cannot be installed here: the sandbox tests will fail");

// The type-check, the lint and the dependency rules are gates, not tests: they add no "passed" to the totals, only a
// failure when they fail. `npm run lint` / `npm run deps` are the same commands (package.json).
const gate = () => ({ passed: 0, failed: 0, skipped: 0 });
if (!e2eOnly) run("typecheck", bin("tsc"), ["--noEmit"], gate);
if (!e2eOnly) run("lint", "npm", ["run", "--silent", "lint"], gate);
if (!e2eOnly) run("deps", "npm", ["run", "--silent", "deps"], gate);

const vitestReport = path.resolve("test-results/vitest-results.json");
fs.rmSync(vitestReport, { force: true });
if (!e2eOnly) run("unit+integration", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], () => {
  const report = readJson(vitestReport);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
});

if (!skipE2e) {
  if (!ensureBrowser()) {
    steps.push({ name: "e2e", ok: false, passed: 0, failed: 1, skipped: 0, seconds: 0 });
    say("e2e: no browser could be installed (see above)");
  } else {
    const port = process.env.E2E_PORT ?? "3100";
    fs.rmSync(process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `omoios-e2e-${port}`), { recursive: true, force: true });
    const e2eReport = path.resolve("test-results/e2e-results.json");
    fs.rmSync(e2eReport, { force: true });
    run("e2e", bin("playwright"), ["test"], () => {
      const stats = readJson(e2eReport).stats;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    });
  }
}

const total = steps.reduce((sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
say("summary");
for (const s of steps) {
  process.stdout.write(`  ${s.ok ? "ok  " : "FAIL"} ${s.name.padEnd(18)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped (${s.seconds.toFixed(1)} s)\n`);
}
process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
