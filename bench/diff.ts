// Benchmark: reading a delivered ticket's diff, as the diff viewer asks for it (the first page of patches).
//   npx tsx bench/diff.ts [--files 40] [--lines 2000] [--runs 200]
// A project's mirror holds a change of `--lines` changed lines (half added, half removed, in five hunks per file) over
// `--files` files in 10 commits. Measured, interleaved in one run: readDiff() for the first page (20 files), the
// GET /api/v1/tickets/{id}/diff route handler in-process (API-key auth, membership, the task row, readDiff, the last
// test run, JSON), next to raw execFile baselines on the same mirror: `git diff base...head` (one process, every
// patch) and readDiff's own three git commands (the tree and numbers ∥ the commits, then the page's patches).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { createScratchRepo } from "@/test/fixtures/scratch-repo";
import { numberArg, percentile } from "@/bench/bench-utils";

const FILES = numberArg("files", 40);
const LINES = numberArg("lines", 2000);
const RUNS = numberArg("runs", 200);
const WARMUP = 20;
const COMMITS = 10;
const run = promisify(execFile);

/** A file of 400 numbered lines; `changed` rewrites that many of them, spread over five hunks. */
function fileText(index: number, changed = 0): string {
  const lines = Array.from({ length: 400 }, (_, i) => `export const value${index}_${i} = ${i}; // line ${i + 1} of file ${index}`);
  for (let i = 0; i < changed; i++) {
    const at = Math.floor(i / Math.ceil(changed / 5)) * 80 + (i % Math.ceil(changed / 5));
    lines[at] = `export const value${index}_${at} = ${at * 2}; // changed by the ticket`;
  }
  return `${lines.join("\n")}\n`;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bench-diff-"));
  fs.chmodSync(dataDir, 0o755);
  const database = await prepareDatabase({ dataDir, database: "bench" });
  Object.assign(process.env, { DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-0123456789", OMOIOS_DATA_DIR: dataDir, API_KEY_RATE_LIMIT_BURST: "1000000" });
  const { db, disconnectDb } = await import("@/lib/db/client");
  const { getPgPool } = await import("@/lib/db/pg-pool");
  const { createUser } = await import("@/lib/users/create-user");
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  const { ensureMirror } = await import("@/lib/repos/ensure-mirror");
  const { gitEnv } = await import("@/lib/repos/git-env");
  const { readDiff } = await import("@/lib/repos/read-diff");
  const { diffQuerySchema } = await import("@/lib/repos/diff-schemas");
  const diffRoute = await import("@/app/api/v1/tickets/[ticketId]/diff/route");

  // The mirror: the base, then the ticket's change in COMMITS commits (each rewrites a share of the files).
  const repo = createScratchRepo(path.join(dataDir, "scratch"));
  const name = (i: number) => `src/module-${String(i).padStart(2, "0")}/file ${i}.ts`;
  const base = repo.commit(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [name(i), fileText(i)])), "base");
  const perFile = Math.round(LINES / 2 / FILES);
  let head = base;
  for (let c = 0; c < COMMITS; c++) {
    const share = Array.from({ length: FILES }, (_, i) => i).filter((i) => i % COMMITS === c);
    head = repo.commit(Object.fromEntries(share.map((i) => [name(i), fileText(i, perFile)])), `change ${c + 1}`);
  }
  const user = await createUser({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "correct horse battery" });
  const { orgId } = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
  const { key } = await createApiKey({ userId: user.id, input: { name: "bench", scopes: ["read", "write"] } });
  const project = await db.project.create({ data: { orgId, name: "diff", ticketSeq: 1 } });
  const gitDir = await ensureMirror(project.id);
  repo.push(gitDir, head, "refs/heads/omoi/diff/OMOI-1");
  const ticket = await db.ticket.create({
    data: { projectId: project.id, userId: user.id, key: "OMOI-1", number: 1, title: "Change every module", tasks: { create: { branch: "omoi/diff/OMOI-1", baseSha: base, deliveredSha: head } } },
  });

  const query = diffQuerySchema.parse({});
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  let checked = false;
  const service = () => readDiff({ gitDir, base, head, baseLabel: "main", headLabel: "omoi/diff/OMOI-1", query });
  const route = async () => {
    const response = await diffRoute.GET(new Request(`http://localhost/api/v1/tickets/${ticket.id}/diff`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({ ticketId: ticket.id }),
    });
    if (!response.ok) throw new Error(`the route answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { totals: { files: number; additions: number; deletions: number }; files: { patch: string | null }[] };
    if (!checked) {
      checked = true;
      const withPatch = body.files.filter((f) => f.patch !== null).length;
      console.log(`diff: ${body.totals.files} files, +${body.totals.additions} −${body.totals.deletions}; first page: ${withPatch} patches, ${Buffer.byteLength(JSON.stringify(body))} bytes of JSON`);
      if (body.totals.files !== FILES || withPatch !== Math.min(FILES, query.limit)) throw new Error("the route's diff is not the one built");
    }
  };
  const git = (...args: string[]) => run("git", ["-C", gitDir, ...args], { env: gitEnv(), maxBuffer: 64 * 1024 * 1024 });
  const rawFull = () => git("diff", `${base}...${head}`);
  const pagePaths = Array.from({ length: FILES }, (_, i) => name(i)).sort().slice(0, query.limit);
  const rawSame = async () => {
    await Promise.all([git("diff", "--raw", "--numstat", "-z", "-M", `${base}...${head}`), git("log", "-z", "--format=%H%x1f%an%x1f%aI%x1f%s", "--reverse", `${base}..${head}`)]);
    await git("--literal-pathspecs", "diff", "-M", `${base}...${head}`, "--", ...pagePaths);
  };

  const paths = { service, route, rawFull, rawSame };
  const samples: Record<keyof typeof paths, number[]> = { service: [], route: [], rawFull: [], rawSame: [] };
  for (let i = 0; i < WARMUP; i++) for (const work of Object.values(paths)) await work();
  for (let i = 0; i < RUNS; i++) for (const [label, work] of Object.entries(paths)) samples[label as keyof typeof paths].push(await timed(work));

  const rawP50 = percentile(samples.rawFull, 50);
  const rows: [string, number[]][] = [
    ["readDiff(), first page (20 of 40 patches)", samples.service],
    ["GET …/tickets/{id}/diff, route handler in-process", samples.route],
    ["raw: `git diff base...head` (every patch)", samples.rawFull],
    ["raw: readDiff's 3 git commands via execFile", samples.rawSame],
  ];
  console.log(`\n${RUNS} runs each, interleaved, after ${WARMUP} warm-up rounds; ${LINES} changed lines over ${FILES} files in ${COMMITS} commits\n`);
  console.log(`| ${"path".padEnd(50)} | p50 ms | p99 ms | p50 / raw diff |`);
  console.log(`|${"-".repeat(52)}|--------|--------|----------------|`);
  for (const [label, values] of rows) {
    const p50 = percentile(values, 50);
    console.log(`| ${label.padEnd(50)} | ${p50.toFixed(2).padStart(6)} | ${percentile(values, 99).toFixed(2).padStart(6)} | ${(p50 / rawP50).toFixed(2).padStart(13)}× |`);
  }
  const figures = Object.fromEntries(Object.entries(samples).map(([label, values]) => [label, { p50: percentile(values, 50), p99: percentile(values, 99) }]));
  console.log(`JSON ${JSON.stringify({ files: FILES, lines: LINES, runs: RUNS, ...figures })}`);

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
