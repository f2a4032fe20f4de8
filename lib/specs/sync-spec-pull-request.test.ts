import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { buildSpecPullRequestBody, SPEC_PULL_REQUEST_BODY_LIMIT } from "@/lib/specs/build-spec-pull-request-body";
import { syncSpecPullRequest } from "@/lib/specs/sync-spec-pull-request";
import { startFakeGitHub } from "@/test/fake-github/fake-github-server";
import { createTestProject, createTestUser, uniqueSuffix } from "@/test/factories";

const TOKEN = "ghp_fake_token_for_tests_0123456789";
let github: Awaited<ReturnType<typeof startFakeGitHub>>;

beforeAll(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  process.env.GITHUB_TOKEN = TOKEN;
  process.env.GITHUB_API_URL = github.url;
  process.env.GITHUB_ALLOWED_OWNERS = "Acme";
  reloadEnv();
});

afterAll(async () => {
  delete process.env.GITHUB_TOKEN;
  delete process.env.GITHUB_API_URL;
  delete process.env.GITHUB_ALLOWED_OWNERS;
  reloadEnv();
  await github.stop();
});

/** A spec with a branch, one requirement (one criterion met), and two tickets, one of them integrated. */
async function specOn(repoUrl: string | null, { branch = "omoi/shop-1a2b/spec-4" }: { branch?: string | null } = {}) {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { defaultBranch: "trunk" });
  // Written directly: the repository policy would resolve github.com, and these tests stay on loopback.
  await db.project.update({ where: { id: project.id }, data: { repoUrl } });
  const spec = await db.spec.create({
    data: {
      projectId: project.id,
      userId: owner.id,
      title: "Greet in French",
      description: "Let greet() say bonjour.",
      number: 4,
      branch,
      executionStatus: "running",
      requirements: {
        create: {
          localId: "REQ-GREET-001",
          title: "French greeting",
          earsType: "ubiquitous",
          action: "greet in French",
          text: "The greeter shall greet in French.",
          criteria: {
            create: [
              { text: "greet() returns bonjour", met: true, evidence: "test/greet.test.ts passes", position: 0 },
              { text: "The README | mentions it", met: false, position: 1 },
            ],
          },
        },
      },
    },
  });
  for (const [number, integratedSha] of [[1, "0123456789abcdef0123456789abcdef01234567"], [2, null]] as const) {
    await db.ticket.create({
      data: {
        projectId: project.id,
        userId: owner.id,
        specId: spec.id,
        key: `OMOI-${number}`,
        number,
        title: `Ticket ${number}`,
        status: integratedSha ? "done" : "building",
        tasks: { create: { status: integratedSha ? "completed" : "running", integration: integratedSha ? "integrated" : null, integratedSha } },
      },
    });
  }
  return spec;
}

describe("syncSpecPullRequest (real Octokit, loopback fake GitHub)", () => {
  it("opens the spec's pull request as a draft, keeps it up to date, and marks it ready once the spec is complete", async () => {
    const repoName = `shop-${uniqueSuffix()}`;
    const spec = await specOn(`https://github.com/acme/${repoName}.git`);

    const opened = await syncSpecPullRequest(spec.id);
    expect(opened).toEqual({ url: `https://github.com/acme/${repoName}/pull/1`, number: 1, action: "opened" });
    const [pull] = github.pulls.get(`acme/${repoName}`)!;
    expect(pull).toMatchObject({ head: "omoi/shop-1a2b/spec-4", base: "trunk", title: "Spec 4: Greet in French", draft: true });
    expect(pull!.body).toContain("Let greet() say bonjour.");
    expect(pull!.body).toContain("- [x] greet() returns bonjour — test/greet.test.ts passes");
    expect(pull!.body).toContain("- [ ] The README | mentions it");
    expect(pull!.body).toContain("| OMOI-1 | Ticket 1 | done | `0123456` |");
    expect(pull!.body).toContain("| OMOI-2 | Ticket 2 | building | — |");
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ prNumber: 1, prUrl: opened!.url });

    await db.spec.update({ where: { id: spec.id }, data: { title: "Greet in French and German" } });
    await db.ticket.updateMany({ where: { specId: spec.id, number: 2 }, data: { status: "done" } });
    await db.task.updateMany({ where: { ticket: { specId: spec.id, number: 2 } }, data: { integration: "integrated", integratedSha: "fedcba9876543210fedcba9876543210fedcba98" } });
    expect(await syncSpecPullRequest(spec.id)).toEqual({ ...opened, action: "updated" });
    expect(pull).toMatchObject({ title: "Spec 4: Greet in French and German", draft: true });
    expect(pull!.body).toContain("| OMOI-2 | Ticket 2 | done | `fedcba9` |");
    expect(github.pulls.get(`acme/${repoName}`)).toHaveLength(1);

    await db.spec.update({ where: { id: spec.id }, data: { executionStatus: "completed" } });
    expect(await syncSpecPullRequest(spec.id)).toEqual({ ...opened, action: "ready" });
    expect(pull!.draft).toBe(false);
    const mutation = github.requests.filter((request) => request.url === "/graphql");
    expect(mutation).toHaveLength(1);
    expect(JSON.parse(mutation[0]!.body)).toMatchObject({ variables: { pullRequestId: pull!.node_id } });
    // Ready already: a later sync only updates it.
    expect(await syncSpecPullRequest(spec.id)).toEqual({ ...opened, action: "updated" });
    expect(github.requests.filter((request) => request.url === "/graphql")).toHaveLength(1);
    expect(github.requests.every((request) => request.authorization?.endsWith(TOKEN))).toBe(true);
  });

  it("adopts the branch's open pull request when the spec lost its number, instead of opening a second one", async () => {
    const repoName = `shop-${uniqueSuffix()}`;
    const spec = await specOn(`https://github.com/acme/${repoName}.git`);
    const first = await syncSpecPullRequest(spec.id);
    await db.spec.update({ where: { id: spec.id }, data: { prNumber: null, prUrl: null } });
    expect(await syncSpecPullRequest(spec.id)).toEqual(first);
    expect(github.pulls.get(`acme/${repoName}`)).toHaveLength(1);
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).prNumber).toBe(first!.number);
  });

  it("opens a pull request ready for review where the repository has no drafts (private repositories on GitHub Free)", async () => {
    const noDrafts = await startFakeGitHub({ token: TOKEN, supportsDrafts: false });
    process.env.GITHUB_API_URL = noDrafts.url;
    reloadEnv();
    try {
      const spec = await specOn("https://github.com/acme/private-shop.git");
      expect(await syncSpecPullRequest(spec.id)).toMatchObject({ number: 1, action: "opened" });
      expect(noDrafts.pulls.get("acme/private-shop")).toMatchObject([{ draft: false, title: "Spec 4: Greet in French" }]);
      await db.spec.update({ where: { id: spec.id }, data: { executionStatus: "completed" } });
      expect(await syncSpecPullRequest(spec.id)).toMatchObject({ number: 1, action: "updated" });
      expect(noDrafts.requests.some((request) => request.url === "/graphql")).toBe(false);
    } finally {
      process.env.GITHUB_API_URL = github.url;
      reloadEnv();
      await noDrafts.stop();
    }
  });

  it("returns null without a request when GitHub is not configured for the repository, or the spec has no branch", async () => {
    const before = github.requests.length;
    for (const repoUrl of ["https://github.com/someone-else/shop.git", "/srv/repos/shop", "https://gitlab.com/acme/shop.git", null]) {
      expect(await syncSpecPullRequest((await specOn(repoUrl)).id)).toBeNull();
    }
    expect(await syncSpecPullRequest((await specOn("https://github.com/acme/shop.git", { branch: null })).id)).toBeNull();
    delete process.env.GITHUB_TOKEN;
    reloadEnv();
    try {
      expect(await syncSpecPullRequest((await specOn("https://github.com/acme/shop.git")).id)).toBeNull();
    } finally {
      process.env.GITHUB_TOKEN = TOKEN;
      reloadEnv();
    }
    expect(github.requests.length).toBe(before);
  });
});

describe("buildSpecPullRequestBody", () => {
  it("stays under GitHub's limit with a huge plan, and still shows every part with what was left out", () => {
    const body = buildSpecPullRequestBody({
      description: "x".repeat(50_000),
      branch: "omoi/p/spec-1",
      requirements: Array.from({ length: 500 }, (_, index) => ({
        localId: `REQ-X-${index}`,
        title: "A requirement",
        text: "y".repeat(400),
        criteria: [{ text: "z".repeat(200), met: true, evidence: "e".repeat(200) }],
      })),
      tickets: Array.from({ length: 1_000 }, (_, index) => ({ key: `OMOI-${index}`, title: "t".repeat(100), status: "done", integratedSha: "a".repeat(40) })),
    });
    expect(body.length).toBeLessThanOrEqual(SPEC_PULL_REQUEST_BODY_LIMIT);
    expect(body).toContain("(description cut short)");
    expect(body).toMatch(/more requirement lines, left out/);
    expect(body).toMatch(/## Tickets[\s\S]*\| OMOI-0 \|[\s\S]*more tickets, left out/);
  });
});
