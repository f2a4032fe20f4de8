import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { deliverTicketBranch } from "@/lib/repos/deliver-ticket-branch";
import { fetchFromWorkspace } from "@/lib/repos/fetch-from-workspace";
import { mirrorPath } from "@/lib/repos/mirror-path";
import { pushFromMirror } from "@/lib/repos/push-from-mirror";
import { isTicketBranch, ticketBranchName } from "@/lib/repos/ticket-branch-name";

// The delivery rules with real repositories: an origin (bare, as a hosted repository is), a workspace cloned from it
// (what a sandbox holds), and the project's mirror under a throwaway data folder.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-deliver-"));
let n = 0;
let origin: string;
let workspace: string;
let project: { id: string; name: string; repoUrl: string | null; defaultBranch: string };
let branch: string;
let recorded: string[];

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.test", ...args], { cwd, encoding: "utf8", stdio: "pipe" }).trim();
const sha = (repo: string, ref: string) => git(repo, "rev-parse", ref);
const commit = (repo: string, file: string) => {
  fs.writeFileSync(path.join(repo, file), `${file} ${Date.now()}\n`);
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", `add ${file}`);
};

beforeAll(() => {
  process.env.OMOIOS_DATA_DIR = path.join(tmp, "data");
  reloadEnv();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeEach(() => {
  n += 1;
  const seed = path.join(tmp, `seed-${n}`);
  fs.mkdirSync(seed);
  git(seed, "init", "-q", "-b", "main");
  commit(seed, "README.md");
  origin = path.join(tmp, `origin-${n}.git`);
  git(tmp, "clone", "-q", "--bare", seed, origin);
  workspace = path.join(tmp, `workspace-${n}`);
  git(tmp, "clone", "-q", origin, workspace);
  project = { id: `proj${n}x${Date.now().toString(36)}`, name: "Shop backend", repoUrl: origin, defaultBranch: "main" };
  branch = ticketBranchName(project, "OMOI-1");
  git(workspace, "checkout", "-q", "-b", branch);
  recorded = [];
});

const deliver = (ownedShas: string[] = []) =>
  deliverTicketBranch({
    project,
    branch,
    ownedShas,
    exportBranch: (name, gitDir, intoRef) => fetchFromWorkspace({ workspacePath: workspace, branch: name, gitDir, intoRef }),
    recordPush: async (pushed) => void recorded.push(pushed),
  });

describe("ticketBranchName", () => {
  it("namespaces branches per project: a readable slug and a hash of the id", () => {
    const a = ticketBranchName({ id: "cm0aaaaaaaaaaaaaaaaaaaaaa", name: "Shop backend!" }, "OMOI-1");
    const b = ticketBranchName({ id: "cm0bbbbbbbbbbbbbbbbbbbbbb", name: "Shop backend!" }, "OMOI-1");
    expect(a).toMatch(/^omoi\/shop-backend-[0-9a-f]{8}\/OMOI-1$/);
    expect(a).not.toBe(b);
    expect(ticketBranchName({ id: "x", name: "日本" }, "OMOI-1")).toMatch(/^omoi\/project-[0-9a-f]{8}\/OMOI-1$/);
    expect(() => ticketBranchName({ id: "x", name: "p" }, "../main")).toThrow(/invalid ticket key/);
    // A rename keeps the ticket's stored branch valid; another project's or another ticket's is not.
    expect(isTicketBranch(a, { id: "cm0aaaaaaaaaaaaaaaaaaaaaa" }, "OMOI-1")).toBe(true);
    expect(isTicketBranch(ticketBranchName({ id: "cm0aaaaaaaaaaaaaaaaaaaaaa", name: "Renamed" }, "OMOI-1"), { id: "cm0aaaaaaaaaaaaaaaaaaaaaa" }, "OMOI-1")).toBe(true);
    expect(isTicketBranch(b, { id: "cm0aaaaaaaaaaaaaaaaaaaaaa" }, "OMOI-1")).toBe(false);
    expect(isTicketBranch(a, { id: "cm0aaaaaaaaaaaaaaaaaaaaaa" }, "OMOI-2")).toBe(false);
    expect(isTicketBranch("main", { id: "cm0aaaaaaaaaaaaaaaaaaaaaa" }, "OMOI-1")).toBe(false);
  });
});

describe("deliverTicketBranch", () => {
  it("pushes the exported branch to the stored remote, leaving the default branch alone; the mirror keeps no remote", async () => {
    const main = sha(origin, "main");
    commit(workspace, "work.txt");
    commit(workspace, "more.txt");
    const delivery = await deliver();
    expect(delivery).toMatchObject({ branch, sha: sha(workspace, "HEAD"), base: main, commits: 2, pushed: true });
    expect(recorded).toEqual([delivery.sha]);
    expect(sha(origin, branch)).toBe(delivery.sha);
    expect(sha(origin, "main")).toBe(main);
    const config = fs.readFileSync(path.join(mirrorPath(project.id), "config"), "utf8");
    expect(config).not.toMatch(/\[remote|url =|extraheader/i);
    // Delivering the same commit again pushes nothing.
    expect(await deliver([delivery.sha])).toMatchObject({ pushed: false, sha: delivery.sha });
  });

  it("refuses a branch without commits over the default branch, and pushes nothing", async () => {
    await expect(deliver()).rejects.toThrow(`the branch ${branch} has no commits that are not on main`);
    // Work committed on main instead does not count either.
    git(workspace, "checkout", "-q", "main");
    commit(workspace, "on-main.txt");
    git(workspace, "branch", "-q", "-f", branch, "main");
    git(workspace, "push", "-q", "origin", "main");
    await expect(deliver()).rejects.toThrow(/has no commits that are not on main/);
    expect(recorded).toEqual([]);
    expect(() => sha(origin, branch)).toThrow();
  });

  it("does not overwrite a branch of the same name it did not push; updates (even rewrites) one it did", async () => {
    const seed = path.join(tmp, `other-${n}`);
    git(tmp, "clone", "-q", origin, seed);
    git(seed, "checkout", "-q", "-b", branch);
    commit(seed, "someone-else.txt");
    git(seed, "push", "-q", "origin", branch);
    const theirs = sha(origin, branch);

    commit(workspace, "work.txt");
    await expect(deliver()).rejects.toThrow(`the branch ${branch} already exists on the remote (at ${theirs.slice(0, 12)}) and holds no work this ticket delivered; refusing to overwrite it`);
    expect(sha(origin, branch)).toBe(theirs);
    expect(recorded).toEqual([]);

    // Had this ticket pushed that commit, the branch would be its own to move (a retried attempt rewrites it).
    const delivery = await deliver([theirs]);
    expect(delivery.pushed).toBe(true);
    expect(sha(origin, branch)).toBe(delivery.sha);
  });

  it("without a repository, checks the work against the workspace's default branch and pushes nothing", async () => {
    project = { ...project, repoUrl: null };
    await expect(deliver()).rejects.toThrow(/has no commits that are not on main/);
    commit(workspace, "work.txt");
    expect(await deliver()).toMatchObject({ commits: 1, pushed: false, base: sha(workspace, "main") });
    // A default branch moved onto unrelated history cannot make old commits look new.
    git(workspace, "checkout", "-q", "--orphan", "elsewhere");
    git(workspace, "commit", "-q", "--allow-empty", "-m", "unrelated");
    git(workspace, "branch", "-q", "-f", "main", "elsewhere");
    git(workspace, "checkout", "-q", branch);
    git(workspace, "reset", "-q", "--hard", "HEAD~1");
    await expect(deliver()).rejects.toThrow(`the branch ${branch} does not build on main`);
    expect(recorded).toEqual([]);
  });
});

describe("pushFromMirror", () => {
  it("pushes only branches under omoi/ that are not the default branch, and never over a branch that moved", async () => {
    commit(workspace, "work.txt");
    const gitDir = path.join(tmp, `mirror-${n}.git`);
    git(tmp, "clone", "-q", "--bare", workspace, gitDir);
    const head = sha(workspace, "HEAD");
    const main = sha(origin, "main");
    const push = (target: string, expectedSha = "", commitSha = head) => pushFromMirror({ gitDir, repoUrl: origin, defaultBranch: "main", branch: target, sha: commitSha, expectedSha });
    await expect(push("main")).rejects.toThrow(/refusing to push "main"/);
    await expect(push("feature/x")).rejects.toThrow(/only branches under omoi\//);
    await expect(pushFromMirror({ gitDir, repoUrl: origin, defaultBranch: "omoi/x", branch: "omoi/x", sha: head, expectedSha: "" })).rejects.toThrow(/refusing/);
    await expect(push("omoi/../main")).rejects.toThrow(/refusing/);
    expect(sha(origin, "main")).toBe(main);

    // The lease: "must not exist" fails once it exists, a wrong expectation fails, the right one passes.
    await push("omoi/p-1/OMOI-7", "", main);
    await expect(push("omoi/p-1/OMOI-7")).rejects.toThrow("the branch omoi/p-1/OMOI-7 appeared on the remote while this ticket was delivering it; refusing to overwrite it");
    await expect(push("omoi/p-1/OMOI-7", head)).rejects.toThrow(/changed on the remote since this ticket last delivered it/);
    expect(sha(origin, "omoi/p-1/OMOI-7")).toBe(main);
    await push("omoi/p-1/OMOI-7", main);
    expect(sha(origin, "omoi/p-1/OMOI-7")).toBe(head);
  });
});
