import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { DELETE as deleteProject, GET as getProject, PATCH as patchProject } from "@/app/api/v1/projects/[projectId]/route";
import { POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

describe("projects", () => {
  it("are created in the caller's personal organization with DESIGN defaults", async () => {
    const user = await createTestUser();
    const res = await callRoute(createProject, {
      method: "POST",
      cookie: user.cookie,
      body: { name: "Website", repoUrl: "https://github.com/acme/site.git", testCommand: "npm test" },
    });
    expect(res.status).toBe(201);
    expect(res.body.project).toMatchObject({
      orgId: user.orgId,
      name: "Website",
      defaultBranch: "main",
      approvalMode: "auto",
      reviewMode: "auto",
      autoExecuteTickets: true,
      maxConcurrentTasks: 3,
      budgetUsd: null,
    });
  });

  it("reject invalid input with field errors and duplicate names with 409", async () => {
    const user = await createTestUser();
    const invalid = await callRoute(createProject, {
      method: "POST",
      cookie: user.cookie,
      body: { name: " ", repoUrl: "relative/path", defaultBranch: "bad..branch", maxConcurrentTasks: 0 },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.details.fields).sort()).toEqual(["defaultBranch", "maxConcurrentTasks", "name", "repoUrl"]);

    const withSecret = await callRoute(createProject, {
      method: "POST",
      cookie: user.cookie,
      body: { name: "x", repoUrl: "https://user:ghp_token@github.com/a/b.git" },
    });
    expect(withSecret.status).toBe(422);

    await createTestProject(user.id, { name: "Twice" });
    const duplicate = await callRoute(createProject, { method: "POST", cookie: user.cookie, body: { name: "Twice" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.details.fields.name).toBeDefined();
  });

  it("are updated with PATCH; unknown fields and empty patches are refused", async () => {
    // An instance admin, who may use any local path (test/api/repo-policy.test.ts: everyone else).
    const user = await createTestUser({ instanceAdmin: true });
    const project = await createTestProject(user.id);
    const params = { projectId: project.id };
    const repo = createSampleRepo(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-patch-")));
    const res = await callRoute(patchProject, {
      method: "PATCH",
      cookie: user.cookie,
      params,
      body: { approvalMode: "manual", budgetUsd: 25, wipLimits: { building: 2 }, repoUrl: repo },
    });
    expect(res.status).toBe(200);
    expect(res.body.project).toMatchObject({ approvalMode: "manual", budgetUsd: 25, wipLimits: { building: 2 }, repoUrl: repo });
    expect((await callRoute(patchProject, { method: "PATCH", cookie: user.cookie, params, body: {} })).status).toBe(422);
    expect((await callRoute(patchProject, { method: "PATCH", cookie: user.cookie, params, body: { orgId: "elsewhere" } })).status).toBe(422);
  });

  it("keep their review mode: set on create, changed with PATCH, read back; any other value is a field error", async () => {
    const user = await createTestUser();
    const created = await callRoute(createProject, { method: "POST", cookie: user.cookie, body: { name: "Reviewed", reviewMode: "manual" } });
    expect(created.status).toBe(201);
    expect(created.body.project.reviewMode).toBe("manual");
    const params = { projectId: created.body.project.id };
    expect((await callRoute(getProject, { cookie: user.cookie, params })).body.project.reviewMode).toBe("manual");

    const patched = await callRoute(patchProject, { method: "PATCH", cookie: user.cookie, params, body: { reviewMode: "auto" } });
    expect(patched.status).toBe(200);
    expect(patched.body.project.reviewMode).toBe("auto");
    expect((await callRoute(getProject, { cookie: user.cookie, params })).body.project.reviewMode).toBe("auto");

    for (const bad of [{ method: "POST", route: createProject, body: { name: "Bad review", reviewMode: "sometimes" } }, { method: "PATCH", route: patchProject, body: { reviewMode: "later" } }]) {
      const refused = await callRoute(bad.route, { method: bad.method, cookie: user.cookie, params, body: bad.body });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.fields).toEqual({ reviewMode: ['Choose "auto" or "manual"'] });
    }
    expect((await callRoute(getProject, { cookie: user.cookie, params })).body.project.reviewMode).toBe("auto");
  });

  it("are invisible across organizations: 404 by id and absent from lists, through session and API key", async () => {
    const alice = await createTestUser();
    const mallory = await createTestUser();
    const project = await createTestProject(alice.id, { name: "Secret plans" });
    const { key: malloryKey } = await createTestApiKey(mallory.id);
    const params = { projectId: project.id };

    for (const auth of [{ cookie: mallory.cookie }, { apiKey: malloryKey }]) {
      const get = await callRoute(getProject, { ...auth, params });
      expect(get.status).toBe(404);
      expect(JSON.stringify(get.body)).not.toContain("Secret plans");
      const list = await callRoute(listProjects, auth);
      expect(list.body.projects.map((p: { id: string }) => p.id)).not.toContain(project.id);
      const listByOrg = await callRoute(listProjects, { ...auth, path: `/api/v1/projects?orgId=${alice.orgId}` });
      expect(listByOrg.body.projects).toEqual([]);
      expect((await callRoute(patchProject, { ...auth, method: "PATCH", params, body: { name: "pwned" } })).status).toBe(404);
      expect((await callRoute(deleteProject, { ...auth, method: "DELETE", params })).status).toBe(404);
      const intoForeignOrg = await callRoute(createProject, { ...auth, method: "POST", body: { name: "x", orgId: alice.orgId } });
      expect(intoForeignOrg.status).toBe(404);
    }
    const still = await callRoute(getProject, { cookie: alice.cookie, params });
    expect(still.body.project.name).toBe("Secret plans");
  });

  it("are shared with members of the organization; only owners and admins delete them", async () => {
    const owner = await createTestUser();
    const teammate = await createTestUser();
    const project = await createTestProject(owner.id);
    const added = await callRoute(addMember, {
      method: "POST",
      cookie: owner.cookie,
      params: { orgId: owner.orgId },
      body: { email: teammate.email },
    });
    expect(added.status).toBe(201);
    expect(added.body.member.role).toBe("member");

    const params = { projectId: project.id };
    expect((await callRoute(getProject, { cookie: teammate.cookie, params })).status).toBe(200);
    const list = await callRoute(listProjects, { cookie: teammate.cookie });
    expect(list.body.projects.map((p: { id: string }) => p.id)).toContain(project.id);
    expect((await callRoute(deleteProject, { method: "DELETE", cookie: teammate.cookie, params })).status).toBe(403);
    expect((await callRoute(deleteProject, { method: "DELETE", cookie: owner.cookie, params })).status).toBe(204);
    expect((await callRoute(getProject, { cookie: owner.cookie, params })).status).toBe(404);
  });

  it("refuse cookie-authenticated writes from another origin", async () => {
    const user = await createTestUser();
    const res = await callRoute(createProject, {
      method: "POST",
      cookie: user.cookie,
      headers: { origin: "https://evil.example", host: "localhost:3000" },
      body: { name: "csrf" },
    });
    expect(res.status).toBe(403);
  });
});

const savedGithubGitUrl = process.env.GITHUB_GIT_URL;

describe("a project's repository, asked when it is saved", () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-repo-on-save-"));
  const create = (cookie: string, body: Record<string, unknown>) => callRoute(createProject, { method: "POST", cookie, body: { name: `p-${crypto.randomUUID()}`, ...body } });
  const refusedField = (res: { status: number; body: any }) => {
    expect(res.status).toBe(422);
    return res.body.error.details.fields as Record<string, string[]>;
  };

  it("refuses a missing path, a folder that is no repository and a missing branch, saying so on the field", async () => {
    // An instance admin: any local path passes the policy, so what is judged here is whether git can read it.
    const admin = await createTestUser({ instanceAdmin: true });
    const repo = createSampleRepo(path.join(temp, "app"));
    const made = await create(admin.cookie, { repoUrl: repo });
    expect(made.status).toBe(201);
    expect(made.body.project.repoHealth).toEqual({ status: "reachable", message: null, checkedAt: expect.any(String) });

    const missing = path.join(temp, "no-such-repo");
    expect(refusedField(await create(admin.cookie, { repoUrl: missing }))).toEqual({
      repoUrl: [`The repository ${missing} cannot be read by OmoiOS (it does not exist, or this server has no access to it).`],
    });
    fs.mkdirSync(path.join(temp, "plain-folder"));
    expect(refusedField(await create(admin.cookie, { repoUrl: path.join(temp, "plain-folder") })).repoUrl?.[0]).toMatch(/cannot be read by OmoiOS/);
    expect(refusedField(await create(admin.cookie, { repoUrl: repo, defaultBranch: "release" }))).toEqual({
      defaultBranch: [`The repository ${repo} has no branch "release"; change the project's default branch.`],
    });

    // The same on a change of repository or branch; the project keeps what it had.
    const params = { projectId: made.body.project.id };
    const patch = (body: Record<string, unknown>) => callRoute(patchProject, { method: "PATCH", cookie: admin.cookie, params, body });
    expect(refusedField(await patch({ repoUrl: missing })).repoUrl?.[0]).toMatch(/cannot be read by OmoiOS/);
    expect(Object.keys(refusedField(await patch({ defaultBranch: "release" })))).toEqual(["defaultBranch"]);
    expect((await callRoute(getProject, { cookie: admin.cookie, params })).body.project).toMatchObject({ repoUrl: repo, defaultBranch: "main" });
    const emptied = await patch({ repoUrl: null });
    expect(emptied.body.project.repoHealth).toEqual({ status: "none", message: null, checkedAt: null });
  });

  it("refuses a GitHub repository GitHub cannot give; saves one whose host does not answer, as unreachable", async () => {
    const user = await createTestUser();
    // GitHub as git reaches it in tests (GITHUB_GIT_URL): a folder of <owner>/<repo>.git.
    const githubRoot = path.join(temp, "github");
    fs.mkdirSync(path.join(githubRoot, "acme"), { recursive: true });
    createSampleRepo(path.join(githubRoot, "acme", "shop.git"));
    process.env.GITHUB_GIT_URL = githubRoot;
    reloadEnv();
    try {
      expect((await create(user.cookie, { repoUrl: "https://github.com/acme/shop" })).body.project.repoHealth.status).toBe("reachable");
      expect(refusedField(await create(user.cookie, { repoUrl: "https://github.com/acme/no-such-repo" })).repoUrl?.[0]).toMatch(/cannot be read by OmoiOS/);
    } finally {
      process.env.GITHUB_GIT_URL = savedGithubGitUrl;
      reloadEnv();
    }
    // test/setup-env.ts sends github.com to a host that never resolves: no network answer, so no proof either way.
    const offline = await create(user.cookie, { repoUrl: "https://github.com/acme/site.git" });
    expect(offline.status).toBe(201);
    expect(offline.body.project.repoHealth).toMatchObject({ status: "unreachable", message: expect.stringMatching(/^OmoiOS could not reach github\.invalid/) });
    const listed = await callRoute(listProjects, { cookie: user.cookie });
    expect(listed.body.projects.find((p: { id: string }) => p.id === offline.body.project.id).repoHealth.status).toBe("unreachable");
  });
});

describe("the caller's role on a project", () => {
  it("is told with every project, so the interface offers only what the server allows", async () => {
    const owner = await createTestUser();
    const [admin, member] = [await createTestUser(), await createTestUser()];
    for (const [who, role] of [[admin, "admin"], [member, "member"]] as const) {
      expect((await callRoute(addMember, { method: "POST", cookie: owner.cookie, params: { orgId: owner.orgId }, body: { email: who.email, role } })).status).toBe(201);
    }
    const created = await callRoute(createProject, { method: "POST", cookie: owner.cookie, body: { name: "Roles" } });
    expect(created.body.project.viewerRole).toBe("owner");
    const params = { projectId: created.body.project.id };
    for (const [who, role] of [[owner, "owner"], [admin, "admin"], [member, "member"]] as const) {
      expect((await callRoute(getProject, { cookie: who.cookie, params })).body.project.viewerRole).toBe(role);
      const listed = await callRoute(listProjects, { cookie: who.cookie, path: `/api/v1/projects?orgId=${owner.orgId}` });
      expect(listed.body.projects.map((p: { viewerRole: string }) => p.viewerRole)).toEqual([role]);
    }
    // What the role allows is what the server does: a member's delete is refused, an admin's goes through.
    expect((await callRoute(deleteProject, { method: "DELETE", cookie: member.cookie, params })).status).toBe(403);
    expect((await callRoute(deleteProject, { method: "DELETE", cookie: admin.cookie, params })).status).toBe(204);
  });
});
