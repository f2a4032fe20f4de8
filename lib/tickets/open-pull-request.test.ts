import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { githubRepoOf } from "@/lib/repos/get-github-client";
import { openPullRequest } from "@/lib/tickets/open-pull-request";
import { startFakeGitHub } from "@/test/fake-github/fake-github-server";

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

describe("pull requests through GitHub's REST API (real Octokit, loopback fake)", () => {
  it("reads owner/repo from GitHub URLs only", () => {
    expect(githubRepoOf("https://github.com/acme/shop.git")).toEqual({ owner: "acme", repo: "shop" });
    expect(githubRepoOf("git@github.com:acme/shop.git")).toEqual({ owner: "acme", repo: "shop" });
    expect(githubRepoOf("/srv/repos/shop")).toBeNull();
    expect(githubRepoOf("https://gitlab.com/acme/shop.git")).toBeNull();
  });

  it("opens one pull request per branch with the server's token, and finds it again instead of duplicating", async () => {
    const input = { repoUrl: "https://github.com/acme/shop.git", head: "omoi/OMOI-7", base: "main", title: "OMOI-7: Add greetings", body: "- [x] works" };
    const first = await openPullRequest(input);
    expect(first).toEqual({ url: "https://github.com/acme/shop/pull/1", number: 1 });
    expect(await openPullRequest(input)).toEqual(first);
    expect(github.pulls.get("acme/shop")).toHaveLength(1);
    expect(github.pulls.get("acme/shop")![0]).toMatchObject({ head: "omoi/OMOI-7", base: "main", title: "OMOI-7: Add greetings" });
    expect(github.requests.every((r) => r.authorization?.endsWith(TOKEN))).toBe(true);
    expect(await openPullRequest({ ...input, repoUrl: "/srv/repos/shop" })).toBeNull();
  });

  it("leaves repositories of owners outside GITHUB_ALLOWED_OWNERS alone: the server's token never acts for them", async () => {
    const before = github.requests.length;
    const input = { repoUrl: "https://github.com/someone-else/shop.git", head: "omoi/OMOI-1", base: "main", title: "t", body: "b" };
    expect(await openPullRequest(input)).toBeNull();
    expect(github.requests.length).toBe(before);
  });
});
