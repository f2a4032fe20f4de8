import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as specDiffRoute from "@/app/api/v1/specs/[specId]/diff/route";
import * as ticketDiffRoute from "@/app/api/v1/tickets/[ticketId]/diff/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { addMember } from "@/lib/orgs/add-member";
import { diffDtoSchema, ticketDiffDtoSchema } from "@/lib/repos/diff-schemas";
import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser, type TestUser } from "@/test/factories";
import { createScratchRepo } from "@/test/fixtures/scratch-repo";

// The diff routes over a real project mirror: commits made in a scratch clone and pushed into the mirror, the commit
// ids written where delivery and integration write them (Task.baseSha/deliveredSha, Spec.branchBaseCommit/branchHead).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-diff-routes-"));
const previousDataDir = process.env.OMOIOS_DATA_DIR;
const SPACED = "docs/read me é.md";
let owner: TestUser;
let teammate: TestUser;
let stranger: TestUser;
let w: { projectId: string; specId: string; ticketId: string; taskId: string; branch: string; specBranch: string; base: string; head: string };

beforeAll(async () => {
  process.env.OMOIOS_DATA_DIR = path.join(tmp, "data");
  reloadEnv();
  owner = await createTestUser();
  teammate = await createTestUser();
  stranger = await createTestUser();
  await addMember({ userId: owner.id, orgId: owner.orgId, input: { email: teammate.email, role: "member" } });
  const project = await createTestProject(owner.id, { autoExecuteTickets: false, defaultBranch: "main" });
  const spec = await db.spec.create({ data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet people", generationStatus: "completed", number: 1 } });
  const ticket = await db.ticket.create({
    data: { projectId: project.id, userId: owner.id, specId: spec.id, key: "OMOI-1", number: 1, title: "Greet in French", tasks: { create: { kind: "implement" } } },
    include: { tasks: true },
  });

  const repo = createScratchRepo(path.join(tmp, "scratch"));
  const numbered = Array.from({ length: 24 }, (_, i) => [`src/f${String(i).padStart(2, "0")}.ts`, `export const n = ${i};\n`]);
  const base = repo.commit({ "README.md": "# Greeter\n", "old-name.ts": "export const greeting = 'hello';\n".repeat(20), ...Object.fromEntries(numbered) }, "Initial");
  repo.commit(Object.fromEntries(numbered.map(([name, text]) => [name, `${text}export const twice = 2;\n`])), "Change every file");
  const head = repo.commit({ "old-name.ts": null, "new-name.ts": "export const greeting = 'hello';\n".repeat(20) + "export const bonjour = 1;\n", [SPACED]: "# Lisez-moi\n" }, "Rename and document");
  const gitDir = await ensureMirror(project.id);
  const branch = `omoi/x-1234abcd/OMOI-1`;
  const specBranch = `omoi/x-1234abcd/spec-1`;
  repo.push(gitDir, base, "refs/heads/main");
  repo.push(gitDir, head, `refs/heads/${branch}`);
  w = { projectId: project.id, specId: spec.id, ticketId: ticket.id, taskId: ticket.tasks[0]!.id, branch, specBranch, base, head };
});

afterAll(() => {
  if (previousDataDir === undefined) delete process.env.OMOIOS_DATA_DIR;
  else process.env.OMOIOS_DATA_DIR = previousDataDir;
  reloadEnv();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ticketDiff = (query = "", cookie = owner.cookie, ticketId = w.ticketId) =>
  callRoute(ticketDiffRoute.GET, { path: `/api/v1/tickets/${ticketId}/diff${query}`, params: { ticketId }, cookie });
const specDiff = (query = "", cookie = owner.cookie, specId = w.specId) => callRoute(specDiffRoute.GET, { path: `/api/v1/specs/${specId}/diff${query}`, params: { specId }, cookie });
const withPatch = (body: { files: { path: string; patch: string | null }[] }) => body.files.filter((f) => f.patch !== null).map((f) => f.path);

describe("GET /api/v1/tickets/{ticketId}/diff and /api/v1/specs/{specId}/diff", () => {
  it("answer an empty diff before anything was delivered or integrated, with the names people know", async () => {
    const ticket = await ticketDiff();
    expect(ticket.status).toBe(200);
    expect(ticket.body).toEqual({
      base: null,
      head: null,
      // The spec has no branch yet: its tickets' work would start from the default branch.
      baseLabel: "main",
      headLabel: expect.stringMatching(/^omoi\/project-[0-9a-f-]+\/OMOI-1$/),
      totals: { files: 0, additions: 0, deletions: 0 },
      files: [],
      commits: [],
      page: { offset: 0, limit: 20, nextOffset: null },
      lastTestRun: null,
    });
    const spec = await specDiff();
    expect(spec.status).toBe(200);
    expect(spec.body).toMatchObject({ base: null, head: null, baseLabel: "main", headLabel: expect.stringMatching(/\/spec-1$/), files: [] });
  });

  it("pages a delivered ticket's patches over every file's numbers, reads one file by path, and shows its last test run", async () => {
    await db.task.update({ where: { id: w.taskId }, data: { branch: w.branch, baseSha: w.base, deliveredSha: w.head } });
    await db.sandboxEvent.create({ data: { taskId: w.taskId, type: "task.tests_finished", data: { command: "npm test", exitCode: 1, passed: false } } });
    await db.sandboxEvent.create({ data: { taskId: w.taskId, type: "agent.message", data: { turn: 1, text: "not a test run" } } });
    await db.sandboxEvent.create({
      data: { taskId: w.taskId, type: "spec.integration_tests_passed", source: "worker", data: { ticketKey: "OMOI-1", command: "npm test", candidate: w.head, output: "ok 3 tests" } },
    });

    const first = await ticketDiff();
    expect(first.status).toBe(200);
    // Exactly the contract: parsing drops unknown keys, so equality means there are none.
    expect(ticketDiffDtoSchema.parse(first.body)).toEqual(first.body);
    expect(first.body).toMatchObject({ base: w.base, head: w.head, baseLabel: "main", headLabel: w.branch, totals: { files: 26, additions: 26, deletions: 0 } });
    expect(first.body.commits.map((c: { subject: string }) => c.subject)).toEqual(["Change every file", "Rename and document"]);
    expect(first.body.lastTestRun).toMatchObject({ source: "integration", command: "npm test", passed: true, exitCode: 0, output: "ok 3 tests" });
    const paths = first.body.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([SPACED, "new-name.ts", ...Array.from({ length: 24 }, (_, i) => `src/f${String(i).padStart(2, "0")}.ts`)]);
    expect(first.body.files[1]).toMatchObject({ path: "new-name.ts", oldPath: "old-name.ts", status: "renamed", additions: 1, deletions: 0 });
    expect(withPatch(first.body)).toEqual(paths.slice(0, 20));
    expect(first.body.page).toEqual({ offset: 0, limit: 20, nextOffset: 20 });

    const second = await ticketDiff("?offset=20&limit=20");
    expect(withPatch(second.body)).toEqual(paths.slice(20));
    expect(second.body.page).toEqual({ offset: 20, limit: 20, nextOffset: null });
    expect(second.body.files.slice(0, 20).every((f: { omitted: string }) => f.omitted === "not_on_page")).toBe(true);

    const one = await ticketDiff(`?path=${encodeURIComponent(SPACED)}`);
    expect(one.status).toBe(200);
    expect(withPatch(one.body)).toEqual([SPACED]);
    expect(one.body.files[0].patch).toContain("+# Lisez-moi");
    expect(one.body.page).toEqual({ offset: 0, limit: 1, nextOffset: 1 });
    const absent = await ticketDiff("?path=not-in-the-diff.ts");
    expect(absent.status).toBe(404);
  });

  it("shows the spec branch's integrated change against the default branch it was made from", async () => {
    await db.spec.update({ where: { id: w.specId }, data: { branch: w.specBranch, branchBaseCommit: w.base, branchHead: w.head } });
    const spec = await specDiff("?limit=5", teammate.cookie);
    expect(spec.status).toBe(200);
    expect(diffDtoSchema.parse(spec.body)).toEqual(spec.body);
    expect(spec.body).toMatchObject({ base: w.base, head: w.head, baseLabel: "main", headLabel: w.specBranch, totals: { files: 26 }, page: { offset: 0, limit: 5, nextOffset: 5 } });
    expect(withPatch(spec.body)).toHaveLength(5);
    // A spec ticket's work starts from the spec branch.
    expect((await ticketDiff("", teammate.cookie)).body.baseLabel).toBe(w.specBranch);
  });

  it("answers 404 to people outside the organization, 422 with the field to a bad query, 409 when the mirror lacks the commits", async () => {
    for (const res of [await ticketDiff("", stranger.cookie), await specDiff("", stranger.cookie), await ticketDiff("", owner.cookie, "no-such-ticket")]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(w.head);
    }
    expect((await callRoute(ticketDiffRoute.GET, { params: { ticketId: w.ticketId } })).status).toBe(401);

    for (const [query, field] of [["?limit=0", "limit"], ["?limit=101", "limit"], ["?offset=-1", "offset"], ["?offset=abc", "offset"], ["?path=", "path"]] as const) {
      const res = await ticketDiff(query);
      expect(res.status, query).toBe(422);
      expect(res.body.error).toMatchObject({ code: "validation_failed", message: "Invalid query parameters" });
      expect(Object.keys(res.body.error.details.fields), query).toEqual([field]);
    }

    await db.spec.update({ where: { id: w.specId }, data: { branchHead: "f".repeat(40) } });
    const lost = await specDiff();
    expect(lost.status).toBe(409);
    expect(lost.body.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/mirror no longer holds commit ffffffffffff/) });
    // The data folder wiped: no mirror at all is the same answer, and a read does not make one.
    fs.rmSync(path.join(tmp, "data"), { recursive: true, force: true });
    const wiped = await ticketDiff();
    expect(wiped.status).toBe(409);
    expect(wiped.body.error.message).toMatch(/no longer holds commit/);
    expect(fs.existsSync(path.join(tmp, "data"))).toBe(false);
  });
});
