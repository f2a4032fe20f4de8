import { describe, expect, it } from "vitest";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { DELETE as deleteProject, GET as getProject, PATCH as patchProject } from "@/app/api/v1/projects/[projectId]/route";
import { POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";

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
    const res = await callRoute(patchProject, {
      method: "PATCH",
      cookie: user.cookie,
      params,
      body: { approvalMode: "manual", budgetUsd: 25, wipLimits: { building: 2 }, repoUrl: "/srv/repos/app" },
    });
    expect(res.status).toBe(200);
    expect(res.body.project).toMatchObject({ approvalMode: "manual", budgetUsd: 25, wipLimits: { building: 2 }, repoUrl: "/srv/repos/app" });
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
