import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { SAMPLE_OUTPUTS, scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";
import { rebaseOnto, scriptedTaskAgent } from "@/test/fake-anthropic/scripted-task-agent";
import { startFakeGitHub } from "@/test/fake-github/fake-github-server";
import { createSampleRepo } from "@/test/fixtures/sample-repo";
import { callRoute } from "@/test/call-route";

// Integrated delivery end to end, with real local sandboxes, real git and a scripted agent that works with git as a
// model would: a spec's tickets build on each other's work, are merged into one spec branch in dependency order by the
// server, conflicts go back to the agent that caused them (who rebases and resolves), tests run on every merged
// result, the spec completes only as a whole, and its one pull request follows the branch.
const TOKEN = "ghp_fake_integration_token_0123456789";
const LANG_A = 'export const GREETINGS = {\n  en: "Hello",\n};\n';
const RESOLVED = 'export const GREETINGS = {\n  en: "Hello",\n  fr: "Bonjour",\n  de: "Hallo",\n  es: "Hola",\n};\n';
/** Adds a language on the line after French: two tickets doing it in parallel edit the same lines. */
const addAfterFrench = (line: string) => `grep -q 'fr: "Bonjour"' src/lang.js && sed -i 's/^  fr: "Bonjour",$/  fr: "Bonjour",\\n  ${line}/' src/lang.js`;

const plan = (tasks: { title: string; dependsOn: string[] }[]) => ({
  tasks: tasks.map((task, index) => ({
    ...SAMPLE_OUTPUTS.tasks.tasks[Math.min(index, 2)]!,
    id: `TSK-00${index + 1}`,
    title: task.title,
    dependsOn: task.dependsOn,
    requirementRefs: ["REQ-GREET-001", "REQ-GREET-002"],
  })),
});
let currentPlan = plan([]);
/** The attacked project's mirror, as the server keeps it (the hostile agent is told where it is). */
let attackMirror = "/nonexistent";
const specAgent = scriptedSpecAgent({ tasks: () => currentPlan });
const taskAgent = scriptedTaskAgent({
  "A:": { work: [`mkdir -p src && printf '%s' '${LANG_A}' > src/lang.js`], message: "greeting table" },
  // Fails (no commit, so the harness refuses) unless A's file is in the workspace.
  "B:": { work: [`grep -q 'en: "Hello"' src/lang.js && sed -i 's/^  en: "Hello",$/  en: "Hello",\\n  fr: "Bonjour",/' src/lang.js`], message: "French" },
  "C:": { work: [addAfterFrench('de: "Hallo",')], message: "German", onFeedback: (f, spec) => rebaseOnto(f, spec, [`printf '%s' '${RESOLVED}' > src/lang.js`]) },
  "D:": { work: [addAfterFrench('es: "Hola",')], message: "Spanish", onFeedback: (f, spec) => rebaseOnto(f, spec, [`printf '%s' '${RESOLVED}' > src/lang.js`]) },
  // Reviewed: a reviewer asks for a change on line 2; the re-run edits that line.
  "R:": {
    work: [`mkdir -p src && printf '%s' '${LANG_A}' > src/lang.js`],
    message: "greeting table",
    onFeedback: (f, spec) => [...rebaseOnto(f, spec), `sed -i 's/en: "Hello"/en: "Hello there"/' src/lang.js`],
  },
  // A hostile agent: tries to move the spec branch itself before doing honest work.
  "X:": {
    get work() {
      return [
        "git remote -v; git push origin HEAD:refs/heads/$SPEC_BRANCH 2>&1; echo \"attack-push exit $?\"",
        `git --git-dir=${attackMirror} update-ref refs/heads/$SPEC_BRANCH HEAD 2>&1; echo "attack-mirror exit $?"`,
        `mkdir -p src && printf '%s' '${LANG_A}' > src/lang.js`,
      ];
    },
    message: "greeting table",
  },
  // Passes alone, fails once merged with E's file: the integrated result is what counts.
  "E:": { work: ["echo 'export const extra = 1;' > src/extra.js"], message: "extra module" },
  "F:": {
    work: [`printf '%s' 'import test from "node:test";\nimport assert from "node:assert";\nimport fs from "node:fs";\ntest("no extra module", () => assert.ok(!fs.existsSync("src/extra.js")));\n' > src/no-extra.test.js`],
    message: "guard test",
  },
});
const script = (request: RecordedRequest): FakeStep => {
  const tools: string[] = (request.body?.tools ?? []).map((tool: { name: string }) => tool.name);
  return tools.some((name) => name.startsWith("submit_")) ? specAgent(request) : taskAgent(request);
};

let h: AgentHarness;
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
const gitRoot = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-github-"));
let lib: {
  db: typeof import("@/lib/db/client").db;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
};
let specsRoute: typeof import("@/app/api/v1/specs/route");
let commentsRoute: typeof import("@/app/api/v1/tickets/[ticketId]/comments/route");
let reviewRoute: typeof import("@/app/api/v1/tickets/[ticketId]/review/route");
let diffRoute: typeof import("@/app/api/v1/tickets/[ticketId]/diff/route");

beforeAll(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  // https://github.com/acme/<repo> is reached at <gitRoot>/acme/<repo>.git; pull requests go to the fake API.
  Object.assign(process.env, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, GITHUB_ALLOWED_OWNERS: "acme", GITHUB_GIT_URL: gitRoot });
  h = await startAgentHarness({ name: "integration", script });
  lib = {
    db: (await import("@/lib/db/client")).db,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
  };
  specsRoute = await import("@/app/api/v1/specs/route");
  commentsRoute = await import("@/app/api/v1/tickets/[ticketId]/comments/route");
  reviewRoute = await import("@/app/api/v1/tickets/[ticketId]/review/route");
  diffRoute = await import("@/app/api/v1/tickets/[ticketId]/diff/route");
  await h.startWorker();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await github?.stop();
  for (const name of ["GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_ALLOWED_OWNERS", "GITHUB_GIT_URL"]) delete process.env[name];
});

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/** A hosted-like repository (bare) at what git reaches for https://github.com/acme/<name>. */
function makeGithubRepo(name: string) {
  const seed = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-seed-")));
  const bare = path.join(gitRoot, "acme", `${name}.git`);
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  git(os.tmpdir(), "clone", "-q", "--bare", seed, bare);
  return { bare, repoUrl: `https://github.com/acme/${name}` };
}

async function launch(name: string, tasks: { title: string; dependsOn: string[] }[], options: { reviewMode?: "auto" | "manual" } = {}) {
  currentPlan = plan(tasks);
  const { bare, repoUrl } = makeGithubRepo(name);
  const user = await lib.createTestUser();
  const project = await lib.createTestProject(user.id, { repoUrl, testCommand: "node --test", maxConcurrentTasks: 3, reviewMode: options.reviewMode ?? "auto" });
  const launched = await callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "Greet people in more languages", autoExecute: true } });
  expect(launched.status, JSON.stringify(launched.body)).toBe(201);
  return { bare, project, specId: launched.body.spec?.id ?? launched.body.specId, user };
}

const ticketsOf = (specId: string) =>
  lib.db.ticket.findMany({ where: { specId }, include: { tasks: true, specTask: true }, orderBy: { number: "asc" } });

describe("integrated delivery", () => {
  it("builds each ticket on its dependencies, merges in dependency order, sends a conflict back to be resolved, and completes as a whole", async () => {
    const { bare, specId } = await launch("greeter", [
      { title: "A: greeting table", dependsOn: [] },
      { title: "B: French", dependsOn: ["TSK-001"] },
      { title: "C: German", dependsOn: ["TSK-002"] },
      { title: "D: Spanish", dependsOn: ["TSK-002"] },
    ]);
    const spec = await waitFor("the spec's execution to complete", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
      if (row.executionStatus === "failed") throw new Error(`the spec failed: ${row.lastError}`);
      return row.executionStatus === "completed" && row;
    }, 150_000);

    // The spec branch in the repository holds the whole feature, tested: the file A made, B's change to it, and
    // C's and D's edits of the same lines, resolved.
    const branch = spec.branch!;
    expect(branch).toMatch(/^omoi\/project-[a-z0-9-]+\/spec-\d+$/);
    expect(git(bare, "rev-parse", branch)).toBe(spec.branchHead);
    expect(spec.testedHead).toBe(spec.branchHead);
    expect(git(bare, "show", `${branch}:src/lang.js`)).toBe(RESOLVED.trim());
    expect(git(bare, "rev-parse", "main")).toBe(spec.branchBaseCommit);

    const tickets = await ticketsOf(specId);
    const byTitle = (prefix: string) => tickets.find((t) => t.title.startsWith(prefix))!;
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({ status: "done", isBlocked: false });
      const task = ticket.tasks[0]!;
      expect(task).toMatchObject({ integration: "integrated" });
      // Every ticket's commits are in the spec branch.
      expect(git(bare, "merge-base", "--is-ancestor", task.deliveredSha!, branch)).toBe("");
    }
    // B's workspace had A's work: B's delivered commit builds on A's.
    expect(git(bare, "merge-base", "--is-ancestor", byTitle("A:").tasks[0]!.deliveredSha!, byTitle("B:").tasks[0]!.deliveredSha!)).toBe("");

    // Exactly one of the two parallel tickets conflicted, was sent back with the file named, and landed on attempt 2.
    const conflicts = await lib.db.sandboxEvent.findMany({ where: { specId, type: "task.merge_conflict" } });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.data).toMatchObject({ files: ["src/lang.js"], sentBack: true });
    const second = tickets.find((t) => t.tasks[0]!.id === conflicts[0]!.taskId)!;
    expect(["C: German", "D: Spanish"]).toContain(second.title);
    expect(second.tasks[0]!.attempt).toBe(2);
    const resumed = h.fake.requests.find((r) => JSON.stringify(r.body?.messages?.[0]?.content ?? "").includes(`Ticket ${second.key}`) && JSON.stringify(r.body.messages[0].content).includes("conflicts in: src/lang.js"));
    expect(resumed).toBeTruthy();

    const types = (await lib.db.sandboxEvent.findMany({ where: { specId }, select: { type: true } })).map((e) => e.type);
    expect(types.filter((t) => t === "task.integrated")).toHaveLength(4);
    expect(types).toContain("spec.integration_tests_passed");
    expect(types).toContain("spec.execution_completed");

    // One pull request for the spec, opened when the first ticket landed, updated after, ready when complete.
    const pulls = github.pulls.get("acme/greeter") ?? [];
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ head: branch, base: "main", draft: false });
    expect(pulls[0]!.body).toContain(second.key);
    const prEvents = await lib.db.sandboxEvent.findMany({ where: { specId, type: "spec.pull_request" }, orderBy: { seq: "asc" } });
    expect(prEvents.map((e) => (e.data as { action: string }).action)).toEqual(["opened", "updated", "updated", "ready"]);
    expect(spec.prNumber).toBe(1);
    // No per-ticket pull requests, and no push to the default branch.
    expect(pulls.every((p) => p.head === branch)).toBe(true);
  }, 180_000);

  it("sends a ticket whose work fails the tests once merged back with the output, then blocks it and fails the spec saying why", async () => {
    const { bare, specId } = await launch("guarded", [
      { title: "A: greeting table", dependsOn: [] },
      { title: "E: extra module", dependsOn: ["TSK-001"] },
      { title: "F: guard test", dependsOn: ["TSK-001"] },
    ]);
    const spec = await waitFor("the spec's execution to fail", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
      return row.executionStatus === "failed" && row;
    }, 150_000);

    const failed = await lib.db.sandboxEvent.findMany({ where: { specId, type: "spec.integration_tests_failed" }, orderBy: { seq: "asc" } });
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const first = failed[0]!.data as { ticketKey: string; output: string; sentBack: boolean };
    expect(first.output).toContain("no extra module");
    const tickets = await ticketsOf(specId);
    const culprit = tickets.find((t) => t.key === first.ticketKey)!;
    // Its next attempt was told why, with the failing output.
    const told = h.fake.requests.some((r) => {
      const prompt = JSON.stringify(r.body?.messages?.[0]?.content ?? "");
      return prompt.includes(`Ticket ${culprit.key}`) && prompt.includes("tests fail on your work merged into the spec branch") && prompt.includes("no extra module");
    });
    expect(told).toBe(true);
    // After its attempts it is blocked with the reason; the spec's execution failed naming it; the branch never took it.
    expect(culprit.isBlocked).toBe(true);
    expect(culprit.blockedReason).toMatch(/times; last:/);
    expect(spec.lastError).toContain(culprit.key);
    expect(culprit.tasks[0]!.status).toBe("failed");
    expect(() => git(bare, "merge-base", "--is-ancestor", culprit.tasks[0]!.deliveredSha!, spec.branch!)).toThrow();
    // The branch holds A and the ticket that landed first, and its tests pass there.
    const landed = tickets.find((t) => t.key !== culprit.key && t.title !== "A: greeting table")!;
    expect(git(bare, "merge-base", "--is-ancestor", landed.tasks[0]!.deliveredSha!, spec.branch!)).toBe("");
    expect(spec.testedHead).toBe(spec.branchHead);
  }, 180_000);

  it("holds manual-review work in Review: line comments (422 off the diff), changes requested go back to the agent and are addressed, approval integrates", async () => {
    const { bare, specId, user } = await launch("reviewed", [{ title: "R: reviewed table", dependsOn: [] }], { reviewMode: "manual" });
    const inReview = async () =>
      waitFor("the ticket to wait in Review", async () => {
        const ticket = await lib.db.ticket.findFirst({ where: { specId }, include: { tasks: true } });
        return ticket?.status === "review" && ticket.tasks[0]?.integration === "review" && ticket;
      }, 90_000);
    const ticket = await inReview();
    const params = { ticketId: ticket.id };
    const diff = await callRoute(diffRoute.GET, { params, cookie: user.cookie, path: `/api/v1/tickets/${ticket.id}/diff` });
    expect(diff.status).toBe(200);
    expect(diff.body.files.map((f: { path: string }) => f.path)).toEqual(["src/lang.js"]);
    // Nothing is merged while it waits: the spec branch is still the default branch's commit.
    const waiting = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
    expect(waiting.branchHead).toBe(waiting.branchBaseCommit);

    const comment = (body: object) => callRoute(commentsRoute.POST, { method: "POST", params, cookie: user.cookie, body });
    const offFile = await comment({ path: "src/greet.js", line: 1, body: "Not in this change" });
    expect(offFile.status).toBe(422);
    expect(offFile.body.error.details.fields.path).toBeTruthy();
    const offLine = await comment({ path: "src/lang.js", line: 40, body: "No such line" });
    expect(offLine.status).toBe(422);
    expect(offLine.body.error.details.fields.line[0]).toContain("not in the diff");
    const written = await comment({ path: "src/lang.js", line: 2, body: "Say more than Hello" });
    expect(written.status).toBe(201);
    expect(written.body.comment).toMatchObject({ status: "open", sentAt: null, line: 2 });

    const changes = await callRoute(reviewRoute.POST, { method: "POST", params, cookie: user.cookie, body: { action: "request_changes", summary: "Make the English greeting warmer" } });
    expect(changes.status, JSON.stringify(changes.body)).toBe(200);
    // The agent re-runs on its branch with the comments in its prompt, and its new delivery addresses the comment.
    await waitFor("the agent to run again", async () => (await lib.db.task.findFirstOrThrow({ where: { ticketId: ticket.id } })).attempt === 2, 30_000);
    const again = await inReview();
    const prompt = h.fake.requests.map((r) => JSON.stringify(r.body?.messages?.[0]?.content ?? "")).find((p) => p.includes(`Ticket ${ticket.key}`) && p.includes("A reviewer requested changes"));
    expect(prompt).toContain("Make the English greeting warmer");
    expect(prompt).toContain("src/lang.js:2");
    const listed = await callRoute(commentsRoute.GET, { params, cookie: user.cookie });
    const addressed = listed.body.comments[0];
    expect(addressed).toMatchObject({ status: "addressed" });
    expect(addressed.addressedSha).toBe(again.tasks[0]!.deliveredSha);
    // A review round does not use up an attempt.
    expect(again.tasks[0]).toMatchObject({ attempt: 2, maxAttempts: 4 });

    const approved = await callRoute(reviewRoute.POST, { method: "POST", params, cookie: user.cookie, body: { action: "approve" } });
    expect(approved.status).toBe(200);
    const spec = await waitFor("the spec to complete", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
      return row.executionStatus === "completed" && row;
    }, 60_000);
    expect(git(bare, "show", `${spec.branch}:src/lang.js`)).toContain('en: "Hello there"');
    expect((await lib.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("done");
    const twice = await callRoute(reviewRoute.POST, { method: "POST", params, cookie: user.cookie, body: { action: "approve" } });
    expect(twice.status).toBe(409);
    const types = (await lib.db.sandboxEvent.findMany({ where: { specId, type: { startsWith: "review." } }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["review.requested", "review.changes_requested", "review.requested", "review.approved"]);
  }, 180_000);

  it("refuses an agent that tries to move the spec branch itself: only the server's tested merge lands", async () => {
    const projectMirror = (projectId: string) => path.join(process.env.OMOIOS_DATA_DIR!, "mirrors", `${projectId}.git`);
    currentPlan = plan([{ title: "X: greeting table", dependsOn: [] }]);
    const { bare, repoUrl } = makeGithubRepo("attacked");
    const user = await lib.createTestUser();
    const project = await lib.createTestProject(user.id, { repoUrl, testCommand: "node --test" });
    attackMirror = projectMirror(project.id);
    const launched = await callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "Greet people in more languages", autoExecute: true } });
    const specId = launched.body.specId as string;
    const spec = await waitFor("the spec to complete", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
      return row.executionStatus === "completed" && row;
    }, 120_000);

    // The attack ran: both commands were executed in the sandbox and failed there.
    const results = h.fake.requests.flatMap((r) => (r.body?.messages ?? []).flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : [])))
      .filter((b: { type: string }) => b.type === "tool_result")
      .map((b: { content: unknown }) => JSON.stringify(b.content));
    const push = results.find((text) => text.includes("attack-push exit"));
    const mirror = results.find((text) => text.includes("attack-mirror exit"));
    expect(push).toMatch(/attack-push exit [1-9]/);
    expect(mirror).toMatch(/attack-mirror exit [1-9]/);
    // The workspace never learned where the mirror is: its origin is the project's repository.
    expect(push).toContain(repoUrl);
    expect(push).not.toContain(attackMirror);
    // What landed is exactly the server's integration of the delivered work, tested.
    const task = (await lib.db.task.findFirstOrThrow({ where: { ticket: { specId } } }));
    expect(spec.branchHead).toBe(task.integratedSha);
    expect(spec.testedHead).toBe(spec.branchHead);
    expect(git(bare, "rev-parse", spec.branch!)).toBe(spec.branchHead);
    expect(git(attackMirror, "rev-parse", spec.branch!)).toBe(spec.branchHead);
  }, 150_000);
});
