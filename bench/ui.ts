// Benchmark: the interface in real Chromium, against `npm start`'s production server.
//   npx tsx bench/ui.ts [--tickets 500] [--events 10000] [--runs 5]
// Board: a project with 500 tickets; the clock runs from navigation start until every card is in the DOM and the main
// thread has answered a task (interactive), and long tasks (> 50 ms) during the load are summed. Timeline: a spec with
// 10,000 events; its virtualized timeline is scrolled from top to bottom in 120 animation frames while long tasks and
// frame times are recorded. Runs sequentially; needs no other build or server running (it shares .next).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "@/playwright.config";
import { numberArg, percentile } from "@/bench/bench-utils";

const TICKETS = numberArg("tickets", 500);
const EVENTS = numberArg("events", 10_000);
const RUNS = numberArg("runs", 5);
const PORT = numberArg("port", 3200);
const BASE = `http://localhost:${PORT}`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function waitForHealth(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${BASE}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy");
}

// Long tasks are recorded from the first byte of every page (buffered observer registered before any script).
const OBSERVE_LONG_TASKS = () => {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
};

async function measureBoard(page: Page, url: string) {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction((n) => document.querySelectorAll('a[href*="/tickets/"]').length >= n, TICKETS, { timeout: 60_000, polling: "raf" });
  return page.evaluate(async () => {
    // Interactive: the main thread is free to answer (a task queued now runs without waiting behind rendering work).
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    return { interactiveMs: performance.now(), longTaskMs: w.__longTasks.reduce((s, t) => s + t.duration, 0), longest: Math.max(0, ...w.__longTasks.map((t) => t.duration)) };
  });
}

async function measureTimelineScroll(page: Page, url: string) {
  await page.goto(url);
  const region = page.getByRole("region", { name: "Event timeline" });
  await region.waitFor();
  await page.waitForFunction((n) => (document.querySelector('[aria-label="Event timeline"]')?.textContent ?? "").replace(/[,\s]/g, "").includes(`${n}events`), EVENTS, {
    timeout: 120_000,
  });
  return page.evaluate(async () => {
    const root = document.querySelector('[aria-label="Event timeline"]')!;
    // The timeline's scroll box: the scrollable descendant with the most content.
    const scroller = [...root.querySelectorAll<HTMLElement>("*")]
      .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowY))
      .sort((a, b) => b.scrollHeight - a.scrollHeight)[0]!;
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    const started = performance.now();
    const frames: number[] = [];
    const steps = 120;
    scroller.scrollTop = 0;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * i) / steps;
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const during = w.__longTasks.filter((t) => t.start >= started);
    return {
      rendered: root.querySelectorAll("[data-index]").length,
      scrollHeight: scroller.scrollHeight,
      frames,
      longTasks: during.length,
      longest: Math.max(0, ...during.map((t) => t.duration)),
    };
  });
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-ui-"));
  fs.chmodSync(dataDir, 0o755);
  process.stdout.write(`[bench] starting the server (production build; builds first if the sources changed)…\n`);
  const server = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env: { ...process.env, PORT: String(PORT), OMOIOS_DATA_DIR: dataDir, DATABASE_URL: "", NEXTAUTH_URL: BASE, NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-0123456789", OMOIOS_LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    await waitForHealth(600_000);
    const databaseUrl = fs.readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(OBSERVE_LONG_TASKS);
    const page = await context.newPage();
    const email = `bench-${Date.now()}@example.test`;
    const signUp = await page.request.post(`${BASE}/api/v1/auth/sign-up`, { data: { name: "Bench", email, password: "correct horse battery" } });
    if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()} ${await signUp.text()}`);
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/projects/);
    const created = await page.request.post(`${BASE}/api/v1/projects`, { data: { name: "bench-ui" } });
    const { project } = (await created.json()) as { project: { id: string } };

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows: users } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const userId = users[0]!.id;
    await client.query(
      `INSERT INTO "Ticket" (id, "projectId", "userId", key, number, title, description, status, priority, position, "createdAt", "updatedAt")
       SELECT 'bench-t-' || i, $1, $2, 'OMOI-' || i, i, 'Ticket number ' || i || ' with a realistic title', 'A few lines.',
              (ARRAY['backlog','analyzing','building','testing','done'])[1 + i % 5]::"TicketStatus", 'MEDIUM', i, now(), now()
       FROM generate_series(1, $3::int) i`,
      [project.id, userId, TICKETS],
    );
    await client.query(`UPDATE "Project" SET "ticketSeq" = $2 WHERE id = $1`, [project.id, TICKETS]);
    await client.query(
      `INSERT INTO "Spec" (id, "projectId", "userId", title, description, "generationStatus", "currentPhase", progress, "createdAt", "updatedAt")
       VALUES ('bench-spec', $1, $2, 'A spec with many events', 'Timeline benchmark', 'completed', 'complete', 100, now(), now())`,
      [project.id, userId],
    );
    await client.query(
      `INSERT INTO "SandboxEvent" (id, "specId", type, source, data, "createdAt")
       SELECT 'bench-e-' || i, 'bench-spec',
              (ARRAY['agent.heartbeat','agent.tool_call','agent.message','phase.started','spec.eval_result'])[1 + i % 5], 'agent',
              jsonb_build_object('phase', 'explore', 'tool', 'read_file', 'text', repeat('words ', 20), 'i', i), now()
       FROM generate_series(1, $1::int) i`,
      [EVENTS],
    );
    await client.end();

    const boardUrl = `${BASE}/projects/${project.id}/board`;
    await measureBoard(page, boardUrl); // warm-up: first compile of the route's chunks and caches
    const boards = [];
    for (let i = 0; i < RUNS; i++) boards.push(await measureBoard(page, boardUrl));
    const interactive = boards.map((b) => b.interactiveMs);
    process.stdout.write(`\nBoard, ${TICKETS} tickets (${RUNS} loads after a warm-up)\n`);
    process.stdout.write(`  interactive   p50 ${ms(percentile(interactive, 50))}  max ${ms(Math.max(...interactive))}   target < 1000 ms: ${Math.max(...interactive) < 1000 ? "met" : "NOT met"}\n`);
    process.stdout.write(`  long tasks    ${boards.map((b) => `${ms(b.longTaskMs)} (longest ${ms(b.longest)})`).join(", ")}\n`);

    const specUrl = `${BASE}/projects/${project.id}/specs/bench-spec`;
    const scroll = await measureTimelineScroll(page, specUrl);
    process.stdout.write(`\nTimeline, ${EVENTS} events, scrolled top to bottom in ${scroll.frames.length} frames\n`);
    process.stdout.write(`  rows in the DOM  ${scroll.rendered} (virtualized; scroll height ${scroll.scrollHeight} px)\n`);
    process.stdout.write(`  frame time       p50 ${ms(percentile(scroll.frames, 50))}  p95 ${ms(percentile(scroll.frames, 95))}  max ${ms(Math.max(...scroll.frames))}\n`);
    process.stdout.write(`  long tasks       ${scroll.longTasks} (longest ${ms(scroll.longest)})   target 0: ${scroll.longTasks === 0 ? "met" : "NOT met"}\n`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
