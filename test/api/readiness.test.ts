import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as readinessRoute from "@/app/api/v1/projects/[projectId]/readiness/route";
import * as launchRoute from "@/app/api/v1/specs/launch/route";
import * as ticketsRoute from "@/app/api/v1/tickets/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser } from "@/test/factories";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

const readiness = (projectId: string, cookie?: string) => callRoute(readinessRoute.GET, { params: { projectId }, cookie });
const savedKey = process.env.ANTHROPIC_API_KEY;
const savedModel = process.env.AGENT_MODEL;

afterEach(() => {
  process.env.ANTHROPIC_API_KEY = savedKey;
  if (savedModel === undefined) delete process.env.AGENT_MODEL;
  else process.env.AGENT_MODEL = savedModel;
  reloadEnv();
});

describe("whether agents can work on a project", () => {
  it("says ready for a reachable repository with its branch, and why not otherwise", async () => {
    // Local paths anywhere on the server are an instance admin's to use (test/api/repo-policy.test.ts has the rest).
    const owner = await createTestUser({ instanceAdmin: true });
    const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-ready-")));
    const good = await createTestProject(owner.id, { repoUrl: repo });
    expect((await readiness(good.id, owner.cookie)).body).toMatchObject({ ready: true, problems: [] });

    // What changes after a project is saved (saving refuses a missing repository or branch): each is said, and
    // recorded as the project's health.
    const fresh = () => createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-ready-")));
    const renamed = fresh();
    const noBranch = await createTestProject(owner.id, { repoUrl: renamed });
    execFileSync("git", ["branch", "-m", "main", "trunk"], { cwd: renamed });
    const branch = await readiness(noBranch.id, owner.cookie);
    expect(branch.body.ready).toBe(false);
    expect(branch.body.problems).toEqual([{ code: "branch_not_found", message: expect.stringContaining('no branch "main"') }]);

    // Missing, not a repository: one answer, so the check cannot tell which paths exist.
    const cannotRead = (shown: string) => `The repository ${shown} cannot be read by OmoiOS (it does not exist, or this server has no access to it).`;
    const removed = fresh();
    const gone = await createTestProject(owner.id, { repoUrl: removed });
    fs.rmSync(removed, { recursive: true, force: true });
    expect((await readiness(gone.id, owner.cookie)).body.problems).toEqual([{ code: "repo_unreachable", message: cannotRead(removed) }]);
    const stripped = fresh();
    const notGit = await createTestProject(owner.id, { repoUrl: stripped });
    fs.rmSync(path.join(stripped, ".git"), { recursive: true, force: true });
    expect((await readiness(notGit.id, owner.cookie)).body.problems).toEqual([{ code: "repo_unreachable", message: cannotRead(stripped) }]);
    const health = await db.project.findUniqueOrThrow({ where: { id: notGit.id }, select: { repoProblem: true, repoCheckedAt: true } });
    expect(health).toEqual({ repoProblem: cannotRead(stripped), repoCheckedAt: expect.any(Date) });

    const none = await createTestProject(owner.id);
    expect((await readiness(none.id, owner.cookie)).body.ready).toBe(true);
  });

  it("without a model: says so, and launching a spec or a quick ticket is refused with nothing created", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id);
    delete process.env.ANTHROPIC_API_KEY;
    reloadEnv();
    const answer = await readiness(project.id, owner.cookie);
    expect(answer.body.problems.map((p: { code: string }) => p.code)).toEqual(["model_not_configured"]);

    const launch = await callRoute(launchRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, prompt: "Greet people in French" } });
    expect(launch.status).toBe(503);
    expect(launch.body.error).toMatchObject({ code: "model_not_configured", message: expect.stringContaining("ANTHROPIC_API_KEY") });
    const quick = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, title: "Fix the typo" } });
    expect(quick.status).toBe(503);
    expect(await db.spec.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.ticket.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("is answered only to members", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const project = await createTestProject(owner.id);
    expect((await readiness(project.id, stranger.cookie)).status).toBe(404);
    expect((await readiness(project.id)).status).toBe(401);
  });

  it("warns, without blocking, when the agents' model is deprecated or not in the price table", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id);
    process.env.AGENT_MODEL = "claude-sonnet-4-5";
    reloadEnv();
    const deprecated = await readiness(project.id, owner.cookie);
    expect(deprecated.body).toMatchObject({
      ready: true,
      problems: [{ code: "model_deprecated", blocking: false, message: expect.stringContaining("retirement: 2026-11-30") }],
    });
    expect(deprecated.body.problems[0].message).toContain("claude-sonnet-5-5");

    process.env.AGENT_MODEL = "claude-imaginary-9";
    reloadEnv();
    const unknown = await readiness(project.id, owner.cookie);
    expect(unknown.body).toMatchObject({ ready: true, problems: [{ code: "model_unknown", blocking: false, message: expect.stringContaining("claude-imaginary-9") }] });

    // A warning does not hide a real problem.
    delete process.env.ANTHROPIC_API_KEY;
    reloadEnv();
    const both = await readiness(project.id, owner.cookie);
    expect(both.body.ready).toBe(false);
    expect(both.body.problems.map((p: { code: string }) => p.code)).toEqual(["model_not_configured", "model_unknown"]);
  });
});
