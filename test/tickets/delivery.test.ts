import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

// A task agent's claims against the server's delivery, with real repositories, a real local sandbox workspace and the
// real events route: each attack below is carried out (the forged event is accepted, the commits are made, the branch
// is planted) and the delivery does what the server decides instead. The origin is bare, as a hosted repository is.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-delivery-"));
let lib: {
  db: typeof import("@/lib/db/client").db;
  finishTask: typeof import("@/lib/sandbox/finish-task").finishTask;
  ticketBranchName: typeof import("@/lib/repos/ticket-branch-name").ticketBranchName;
  issueSandboxToken: typeof import("@/lib/auth/issue-sandbox-token").issueSandboxToken;
  createTestUser: typeof import("@/test/factories").createTestUser;
  callRoute: typeof import("@/test/call-route").callRoute;
  eventsRoute: typeof import("@/app/api/v1/sandboxes/[id]/events/route");
};
let provider: import("@/lib/sandbox/sandbox-provider").SandboxProvider;

beforeAll(async () => {
  process.env.OMOIOS_DATA_DIR = path.join(tmp, "data");
  reloadEnv();
  const { createLocalProvider } = await import("@/lib/sandbox/local-provider");
  const { setSandboxProvider } = await import("@/lib/sandbox/get-sandbox-provider");
  // Only the workspace matters here (no agent is started): the provider that made it is the one that exports from it.
  provider = createLocalProvider({ root: path.join(tmp, "sandboxes"), agentBundlePath: "/nonexistent", isolation: "none" });
  setSandboxProvider(provider);
  lib = {
    db: (await import("@/lib/db/client")).db,
    finishTask: (await import("@/lib/sandbox/finish-task")).finishTask,
    ticketBranchName: (await import("@/lib/repos/ticket-branch-name")).ticketBranchName,
    issueSandboxToken: (await import("@/lib/auth/issue-sandbox-token")).issueSandboxToken,
    createTestUser: (await import("@/test/factories")).createTestUser,
    callRoute: (await import("@/test/call-route")).callRoute,
    eventsRoute: await import("@/app/api/v1/sandboxes/[id]/events/route"),
  };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.test", ...args], { cwd, encoding: "utf8", stdio: "pipe" }).trim();
const commit = (repo: string, file: string, message = `add ${file}`) => {
  fs.writeFileSync(path.join(repo, file), `${file}\n`);
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", message);
};
const branchSha = (repo: string, branch: string) => git(repo, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`);

/** A hosted-like repository: bare, with the sample code on main. */
function makeOrigin() {
  const seed = createSampleRepo(fs.mkdtempSync(path.join(tmp, "seed-")));
  const origin = `${seed}.git`;
  git(tmp, "clone", "-q", "--bare", seed, origin);
  return origin;
}

async function makeProject(userId: string, orgId: string, repoUrl: string | null, name = `shop ${crypto.randomBytes(3).toString("hex")}`) {
  return lib.db.project.create({ data: { orgId, createdById: userId, name, repoUrl, defaultBranch: "main" } });
}

/**
 * A ticket whose task runs in a real local sandbox workspace (cloned by the provider, as for a dispatched task), its
 * branch set as dispatch sets it. `work` plays the agent in the workspace; `report` is what it posts as task.completed.
 */
async function runTicket(
  project: { id: string; name: string; repoUrl: string | null; defaultBranch: string },
  userId: string,
  number: number,
  work: (workspace: string, branch: string) => void,
  report: Record<string, unknown>,
  options: { maxAttempts?: number } = {},
) {
  const key = `OMOI-${number}`;
  const branch = lib.ticketBranchName(project, key);
  const ticket = await lib.db.ticket.create({ data: { projectId: project.id, userId, key, number, title: `Ticket ${key}`, status: "building" } });
  const task = await lib.db.task.create({ data: { ticketId: ticket.id, status: "running", attempt: 1, maxAttempts: options.maxAttempts ?? 3, branch } });
  const sandbox = await lib.db.sandbox.create({ data: { provider: "local", purpose: "task", taskId: task.id, status: "running", lastHeartbeatAt: new Date() } });
  const ref = await provider.create({ sandboxId: sandbox.id, purpose: "task", projectId: project.id, taskId: task.id, repo: { url: project.repoUrl, branch: project.defaultBranch } });
  await lib.db.sandbox.update({ where: { id: sandbox.id }, data: { externalId: ref.externalId, workspacePath: ref.workspacePath, logPath: ref.logPath } });
  await lib.db.task.update({ where: { id: task.id }, data: { sandboxId: sandbox.id } });

  // The agent: on the branch the context gave it (as run-task-work does), then whatever `work` does.
  git(ref.workspacePath, "checkout", "-q", "-B", branch);
  work(ref.workspacePath, branch);
  const { token } = await lib.issueSandboxToken({ sandboxId: sandbox.id });
  const posted = await lib.callRoute(lib.eventsRoute.POST, {
    method: "POST",
    params: { id: sandbox.id },
    headers: { authorization: `Bearer ${token}` },
    body: { events: [{ type: "task.completed", data: report, clientEventId: crypto.randomUUID(), occurredAt: new Date().toISOString() }] },
  });
  expect(posted.status).toBe(200); // the claim itself is accepted: it is the delivery that decides
  const outcome = await lib.finishTask({ taskId: task.id, sandboxId: sandbox.id });
  const after = await lib.db.task.findUniqueOrThrow({ where: { id: task.id }, include: { ticket: true } });
  return { outcome, task: after, ticket: after.ticket, branch, workspace: ref.workspacePath };
}

describe("deliveries are decided by the server", () => {
  it("a forged task.completed naming main leaves the origin's main alone; the ticket's own namespaced branch is pushed", async () => {
    const user = await lib.createTestUser();
    const origin = makeOrigin();
    const main = branchSha(origin, "main");
    const project = await makeProject(user.id, user.orgId, origin);
    const run = await runTicket(
      project,
      user.id,
      1,
      (workspace, branch) => {
        commit(workspace, "feature.txt", "OMOI-1: the feature");
        // The attack: the same commit on main too, and the report names main.
        git(workspace, "branch", "-q", "-f", "main", branch);
      },
      { summary: "done", branch: "main", commits: 1, verdicts: [] },
    );
    expect(run.outcome).toMatchObject({ finished: true, branch: run.branch });
    expect(run.branch).toMatch(/^omoi\/shop-[0-9a-f]{6}-[0-9a-f]{8}\/OMOI-1$/);
    expect(branchSha(origin, "main")).toBe(main);
    expect(branchSha(origin, run.branch)).toBe(branchSha(run.workspace, run.branch));
    expect(run.task).toMatchObject({ status: "completed", branch: run.branch, pushedShas: [branchSha(origin, run.branch)] });
    expect(run.task.result).toMatchObject({ branch: "main", delivered: { branch: run.branch, sha: branchSha(origin, run.branch), base: main, commits: 1 } });
    expect(run.ticket.status).toBe("done");
  });

  it("two projects on one repository, both numbering OMOI-1: the second delivery does not touch the first project's branch", async () => {
    const user = await lib.createTestUser();
    const origin = makeOrigin();
    const first = await makeProject(user.id, user.orgId, origin, "storefront");
    const second = await makeProject(user.id, user.orgId, origin, "storefront copy");
    const a = await runTicket(first, user.id, 1, (ws) => commit(ws, "a.txt", "OMOI-1 of the first project"), { summary: "a" });
    const shaA = branchSha(origin, a.branch);
    const b = await runTicket(second, user.id, 1, (ws) => commit(ws, "b.txt", "OMOI-1 of the second project"), { summary: "b" });
    expect(a.branch).not.toBe(b.branch);
    expect([a.ticket.status, b.ticket.status]).toEqual(["done", "done"]);
    expect(branchSha(origin, a.branch)).toBe(shaA);
    expect(git(origin, "log", "-1", "--format=%s", a.branch)).toBe("OMOI-1 of the first project");
    expect(git(origin, "log", "-1", "--format=%s", b.branch)).toBe("OMOI-1 of the second project");
  });

  it("a pre-existing omoi/ branch this ticket did not deliver is not overwritten: the delivery is refused with the reason, the ticket is not done", async () => {
    const user = await lib.createTestUser();
    const origin = makeOrigin();
    const project = await makeProject(user.id, user.orgId, origin);
    // Someone else's work already sits under the exact name this ticket will use.
    const branch = lib.ticketBranchName(project, "OMOI-2");
    const other = fs.mkdtempSync(path.join(tmp, "someone-"));
    git(tmp, "clone", "-q", origin, other);
    git(other, "checkout", "-q", "-b", branch);
    commit(other, "theirs.txt", "someone else's work");
    git(other, "push", "-q", "origin", branch);
    const theirs = branchSha(origin, branch);

    const retried = await runTicket(project, user.id, 2, (ws) => commit(ws, "mine.txt"), { summary: "mine" });
    expect(retried.outcome).toEqual({ finished: false });
    expect(branchSha(origin, branch)).toBe(theirs);
    expect(retried.task).toMatchObject({ status: "queued", pushedShas: [] });
    expect(retried.task.error).toContain(`could not deliver the work: the branch ${branch} already exists on the remote (at ${theirs.slice(0, 12)}) and holds no work this ticket delivered; refusing to overwrite it`);
    expect(retried.ticket.status).toBe("backlog");

    // On its last attempt the ticket is blocked with that reason, never done.
    const last = await runTicket(project, user.id, 3, (ws, own) => {
      commit(ws, "mine.txt");
      // The same squatting, on this ticket's name.
      git(other, "push", "-q", "origin", `HEAD:refs/heads/${own}`);
    }, { summary: "mine" }, { maxAttempts: 1 });
    expect(last.task.status).toBe("failed");
    expect(last.ticket).toMatchObject({ status: "building", isBlocked: true });
    expect(last.ticket.blockedReason).toMatch(/refusing to overwrite it/);
    expect(branchSha(origin, last.branch)).toBe(theirs);
  });

  it("a completion without new commits is refused: the ticket is not done and nothing is pushed", async () => {
    const user = await lib.createTestUser();
    const origin = makeOrigin();
    const project = await makeProject(user.id, user.orgId, origin);
    const run = await runTicket(project, user.id, 1, () => {}, { summary: "all done, trust me", commits: 3, verdicts: [{ criterion: "works", met: true, evidence: "it does" }] });
    expect(run.outcome).toEqual({ finished: false });
    expect(run.task.error).toContain(`the branch ${run.branch} has no commits that are not on main`);
    expect(run.ticket.status).not.toBe("done");
    expect(() => branchSha(origin, run.branch)).toThrow();
  });

  it("a project without a repository pushes nothing but still needs commits over the workspace's base", async () => {
    const user = await lib.createTestUser();
    const project = await makeProject(user.id, user.orgId, null);
    const idle = await runTicket(project, user.id, 1, () => {}, { summary: "nothing" });
    expect(idle.task.error).toMatch(/has no commits that are not on main/);
    const worked = await runTicket(project, user.id, 2, (ws) => commit(ws, "notes.txt"), { summary: "notes" });
    expect(worked.outcome).toMatchObject({ finished: true });
    expect(worked.task.result).toMatchObject({ delivered: { commits: 1 } });
  });

  it("a workspace's hostile git config and hooks do not run on export", async () => {
    const user = await lib.createTestUser();
    const origin = makeOrigin();
    const project = await makeProject(user.id, user.orgId, origin);
    const markers = fs.mkdtempSync(path.join(tmp, "markers-"));
    const run = await runTicket(project, user.id, 1, (ws) => {
      commit(ws, "feature.txt");
      const touch = (name: string) => `touch ${path.join(markers, name)}`;
      fs.appendFileSync(
        path.join(ws, ".git", "config"),
        `[core]\n\tfsmonitor = "${touch("fsmonitor")}; false"\n\tsshCommand = "${touch("sshCommand")}"\n[uploadpack]\n\tpackObjectsHook = "${touch("packObjectsHook")};"\n[remote "origin"]\n\tpushurl = ext::sh -c "${touch("pushurl")}"\n`,
      );
      for (const hook of ["pre-push", "pre-upload-pack", "post-upload-pack", "reference-transaction", "post-checkout"]) {
        fs.writeFileSync(path.join(ws, ".git", "hooks", hook), `#!/bin/sh\n${touch(hook)}\n`, { mode: 0o755 });
      }
    }, { summary: "done" });
    expect(run.outcome).toMatchObject({ finished: true });
    expect(fs.readdirSync(markers)).toEqual([]);
    expect(branchSha(origin, run.branch)).toBe(branchSha(run.workspace, run.branch));
  });
});
