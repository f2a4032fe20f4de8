import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";

// The spec's integration job picks up a merge whose worker died between marking it and starting its tests, and leaves
// a merge in progress alone. Real PostgreSQL and a real mirror; a project without a repository or test command, so
// the merge completes without a sandbox.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-integrate-"));
let lib: {
  db: typeof import("@/lib/db/client").db;
  integrateNextTask: typeof import("@/lib/sandbox/integrate-next-task").integrateNextTask;
  ensureSpecBranch: typeof import("@/lib/specs/ensure-spec-branch").ensureSpecBranch;
  createTestUser: typeof import("@/test/factories").createTestUser;
};

beforeAll(async () => {
  process.env.OMOIOS_DATA_DIR = path.join(tmp, "data");
  reloadEnv();
  lib = {
    db: (await import("@/lib/db/client")).db,
    integrateNextTask: (await import("@/lib/sandbox/integrate-next-task")).integrateNextTask,
    ensureSpecBranch: (await import("@/lib/specs/ensure-spec-branch")).ensureSpecBranch,
    createTestUser: (await import("@/test/factories")).createTestUser,
  };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A ticket whose delivered commit builds on the spec branch, with its task marked "integrating" at `markedAt`. */
async function integratingTask(markedAt: Date) {
  const user = await lib.createTestUser();
  const project = await lib.db.project.create({ data: { orgId: user.orgId, createdById: user.id, name: `p-${Date.now()}-${Math.random()}` } });
  const spec = await lib.db.spec.create({ data: { projectId: project.id, userId: user.id, title: "S", description: "An idea" } });
  const { gitDir, branch, head } = await lib.ensureSpecBranch(spec.id);
  const work = fs.mkdtempSync(path.join(tmp, "work-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.test", ...args], { cwd: work, encoding: "utf8", stdio: "pipe" }).trim();
  git("init", "-q");
  git("fetch", "-q", gitDir, `refs/heads/${branch}`);
  git("checkout", "-q", "-b", "w", "FETCH_HEAD");
  fs.writeFileSync(path.join(work, "a.txt"), "a\n");
  git("add", ".");
  git("commit", "-q", "-m", "work");
  const sha = git("rev-parse", "HEAD");
  git("push", "-q", gitDir, `${sha}:refs/heads/omoi/work`);
  const ticket = await lib.db.ticket.create({ data: { projectId: project.id, userId: user.id, specId: spec.id, key: "OMOI-1", number: 1, title: "T", status: "testing" } });
  const task = await lib.db.task.create({
    data: { ticketId: ticket.id, status: "completed", integration: "integrating", deliveredSha: sha, baseSha: head, completedAt: new Date() },
  });
  await lib.db.$executeRaw`UPDATE "Task" SET "updatedAt" = ${markedAt} WHERE id = ${task.id}`;
  return { spec, task, sha };
}

const provider = { name: "local" } as unknown as import("@/lib/sandbox/sandbox-provider").SandboxProvider;

describe("integrateNextTask", () => {
  it("leaves a merge in progress alone", async () => {
    const { spec, task } = await integratingTask(new Date());
    expect(await lib.integrateNextTask({ specId: spec.id, provider })).toEqual({ sandboxId: null });
    expect((await lib.db.task.findUniqueOrThrow({ where: { id: task.id } })).integration).toBe("integrating");
  });

  it("merges again one abandoned by a worker that died before its tests started", async () => {
    const { spec, task, sha } = await integratingTask(new Date(Date.now() - 10 * 60_000));
    await lib.integrateNextTask({ specId: spec.id, provider });
    expect(await lib.db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ integration: "integrated", integratedSha: sha });
    expect(await lib.db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ branchHead: sha, testedHead: sha });
  });
});
