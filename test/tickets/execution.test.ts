import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { SAMPLE_OUTPUTS, scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";
import { createSampleRepo } from "@/test/fixtures/sample-repo";
import { callRoute } from "@/test/call-route";
import { specBranchName, ticketBranchName } from "@/lib/repos/ticket-branch-name";

// From idea to shipped commits: the spec's plan becomes tickets, tasks run in dependency order in their own
// sandboxes, commits land on the tickets' omoi/<project namespace>/<key> branches of a real repository (pushed by the
// server from its mirror), and the spec completes.
let h: AgentHarness;
/** Task agents whose ticket key is listed here hang (to be killed mid-run). */
let hangTasks = new Set<string>();
const specAgent = scriptedSpecAgent({
  tasks: () => ({
    tasks: [
      { ...SAMPLE_OUTPUTS.tasks.tasks[0]!, id: "TSK-001", title: "A: greeting table", dependsOn: [] },
      { ...SAMPLE_OUTPUTS.tasks.tasks[1]!, id: "TSK-002", title: "B: language parameter", dependsOn: ["TSK-001"], requirementRefs: ["REQ-GREET-001"] },
      { ...SAMPLE_OUTPUTS.tasks.tasks[2]!, id: "TSK-003", title: "C: fallback", dependsOn: ["TSK-001"], requirementRefs: ["REQ-GREET-002"] },
      { ...SAMPLE_OUTPUTS.tasks.tasks[2]!, id: "TSK-004", title: "D: tests for all", dependsOn: ["TSK-002", "TSK-003"], requirementRefs: ["REQ-GREET-001", "REQ-GREET-002"] },
    ],
  }),
});
const script = (request: RecordedRequest): FakeStep => {
  const first = JSON.stringify(request.body?.messages?.[0]?.content ?? "");
  const key = /Ticket ([A-Z]+-\d+)/.exec(first)?.[1];
  if (key && hangTasks.has(key)) return { content: [{ type: "tool_use", name: "list_dir", input: { path: "." } }], latencyMs: 1_000 };
  return specAgent(request);
};

let launchRoute: typeof import("@/app/api/v1/specs/launch/route");
let specRoute: typeof import("@/app/api/v1/specs/[specId]/route");
let lib: {
  db: typeof import("@/lib/db/client").db;
  executeSpecTasks: typeof import("@/lib/tickets/execute-spec-tasks").executeSpecTasks;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
};

beforeAll(async () => {
  h = await startAgentHarness({ name: "execution", script });
  lib = {
    db: (await import("@/lib/db/client")).db,
    executeSpecTasks: (await import("@/lib/tickets/execute-spec-tasks")).executeSpecTasks,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
  };
  launchRoute = await import("@/app/api/v1/specs/launch/route");
  specRoute = await import("@/app/api/v1/specs/[specId]/route");
  await h.startWorker();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  hangTasks = new Set();
});

async function launchDiamond(options: { autoExecute?: boolean } = {}) {
  const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-origin-")));
  const user = await lib.createTestUser();
  const project = await lib.createTestProject(user.id, { repoUrl: repo, testCommand: "node --test", maxConcurrentTasks: 3 });
  // Through the API, as a client would.
  const launched = await callRoute(launchRoute.POST, {
    method: "POST",
    cookie: user.cookie,
    body: { projectId: project.id, prompt: "Let greet() speak French and German too", autoExecute: options.autoExecute ?? true },
  });
  expect(launched.status).toBe(201);
  return { user, project, repo, specId: launched.body.specId as string };
}

const git = (repo: string, ...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();

describe("spec tasks become tickets and ship", () => {
  it("runs a diamond plan in dependency order, commits on each ticket's branch, and completes the spec", async () => {
    const { user, project, repo, specId } = await launchDiamond();
    const spec = await waitFor("the spec's execution to complete", async () => {
      const detail = await callRoute(specRoute.GET, { params: { specId }, cookie: user.cookie });
      return detail.body.spec.executionStatus === "completed" && detail.body.spec;
    }, 90_000);
    expect(spec).toMatchObject({ generationStatus: "completed", progress: 100 });

    const tickets = await lib.db.ticket.findMany({
      where: { specId },
      include: { specTask: true, tasks: true, dependsOn: { include: { dependsOn: { select: { specTask: { select: { localId: true } } } } } } },
      orderBy: { number: "asc" },
    });
    expect(tickets).toHaveLength(4);
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({ userId: user.id, specId, status: "done", isBlocked: false });
      expect(ticket.tasks).toHaveLength(1);
      // The branch the server named (namespaced by project), pushed from the mirror with the commit on it.
      const branch = ticketBranchName(project, ticket.key);
      expect(ticket.tasks[0]).toMatchObject({ status: "completed", branch, attempt: 1 });
      expect(ticket.tasks[0]!.pushedShas).toEqual([git(repo, "rev-parse", branch)]);
      expect(git(repo, "log", "-1", "--format=%s", branch)).toBe(`${ticket.key}: add notes`);
    }
    const byTask = new Map(tickets.map((t) => [t.specTask!.localId, t]));
    expect(byTask.get("TSK-004")!.dependsOn.map((d) => d.dependsOn.specTask!.localId).sort()).toEqual(["TSK-002", "TSK-003"]);

    // Dispatch order: A alone, then B and C side by side, then D.
    const start = (id: string) => byTask.get(id)!.tasks[0]!.startedAt!.getTime();
    const end = (id: string) => byTask.get(id)!.tasks[0]!.completedAt!.getTime();
    expect(start("TSK-002")).toBeGreaterThanOrEqual(end("TSK-001"));
    expect(start("TSK-003")).toBeGreaterThanOrEqual(end("TSK-001"));
    expect(Math.max(start("TSK-002"), start("TSK-003"))).toBeLessThan(Math.min(end("TSK-002"), end("TSK-003")));
    expect(start("TSK-004")).toBeGreaterThanOrEqual(Math.max(end("TSK-002"), end("TSK-003")));

    // One integrated change: the spec branch (pushed to the repository) holds every ticket's work, merged in
    // dependency order, and each ticket's work built on its dependencies' (D's branch contains A's, B's and C's).
    const stored = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
    const specBranch = specBranchName(project, stored.number!);
    expect(stored).toMatchObject({ branch: specBranch, testedHead: stored.branchHead });
    expect(git(repo, "rev-parse", specBranch)).toBe(stored.branchHead);
    expect(git(repo, "ls-tree", "--name-only", specBranch, "notes/").split("\n").sort()).toEqual(tickets.map((t) => `notes/${t.key}.md`).sort());
    for (const ticket of tickets) {
      expect(ticket.tasks[0]).toMatchObject({ integration: "integrated" });
      expect(git(repo, "merge-base", "--is-ancestor", ticket.tasks[0]!.deliveredSha!, specBranch)).toBe("");
    }
    const d = byTask.get("TSK-004")!;
    for (const dep of ["TSK-001", "TSK-002", "TSK-003"]) {
      expect(git(repo, "merge-base", "--is-ancestor", byTask.get(dep)!.tasks[0]!.deliveredSha!, d.tasks[0]!.deliveredSha!)).toBe("");
    }
    expect(git(repo, "rev-parse", "main")).toBe(stored.branchBaseCommit);

    // The verdicts marked the spec's acceptance criteria met, with evidence.
    const criteria = await lib.db.specAcceptanceCriterion.findMany({ where: { requirement: { specId } } });
    expect(criteria.length).toBeGreaterThan(0);
    expect(criteria.every((c) => c.met && c.evidence)).toBe(true);
    // …naming the integrated commit the server made.
    expect(criteria.every((c) => /integrated in [0-9a-f]{12} on omoi\//.test(c.evidence!))).toBe(true);
    const types = (await lib.db.sandboxEvent.findMany({ where: { specId }, select: { type: true } })).map((e) => e.type);
    for (const type of ["spec.tickets_created", "task.started", "task.tests_started", "task.tests_finished", "task.commit", "task.completed", "task.integrated", "spec.integration_tests_passed", "spec.execution_completed"]) {
      expect(types).toContain(type);
    }

    // Running the bridge again by hand creates nothing new.
    const again = await lib.executeSpecTasks({ userId: user.id, specId });
    expect(again.created).toEqual([]);
    expect(await lib.db.ticket.count({ where: { specId } })).toBe(4);
  }, 120_000);

  it("retries a task whose agent is killed mid-run", async () => {
    const { specId } = await launchDiamond({ autoExecute: false });
    await waitFor("tickets", async () => (await lib.db.ticket.count({ where: { specId } })) === 4, 30_000);
    // Nothing runs by itself without auto-execute.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await lib.db.task.count({ where: { ticket: { specId }, status: { not: "pending" } } })).toBe(0);

    const first = await lib.db.ticket.findFirstOrThrow({ where: { specId, specTask: { localId: "TSK-001" } } });
    hangTasks.add(first.key);
    const spec = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
    await lib.executeSpecTasks({ userId: spec.userId, specId });
    const running = await waitFor("A's agent to run", async () => {
      const task = await lib.db.task.findFirst({ where: { ticketId: first.id, status: "running" }, include: { sandbox: true } });
      return task?.sandbox?.status === "running" && task;
    }, 20_000);
    process.kill(h.agentPid(running.sandboxId!), "SIGKILL");
    hangTasks.clear();
    const retried = await waitFor("A to be done on its second attempt", async () => {
      const task = await lib.db.task.findFirstOrThrow({ where: { ticketId: first.id } });
      return task.status === "completed" && task;
    }, 30_000);
    expect(retried.attempt).toBe(2);
    expect((await lib.db.sandbox.findFirstOrThrow({ where: { id: running.sandboxId! } })).status).toBe("lost");
  }, 90_000);
});
