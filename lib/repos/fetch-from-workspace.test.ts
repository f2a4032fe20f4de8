import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { fetchFromWorkspace } from "@/lib/repos/fetch-from-workspace";
import { gitEnv } from "@/lib/repos/git-env";

// The export of a local sandbox's branch runs git's upload-pack against a repository the agent controlled. These tests
// plant what a hostile agent would — config that runs commands, hooks, paths leading to other repositories — and show
// that nothing of it runs or is followed, while the branch still arrives.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-export-"));
const BRANCH = "omoi/shop-1a2b3c4d/OMOI-1";
let n = 0;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.test", ...args], { cwd, encoding: "utf8", stdio: "pipe" }).trim();

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let workspace: string;
let mirror: string;
let markers: string;

beforeEach(() => {
  n += 1;
  const dir = path.join(tmp, `case-${n}`);
  workspace = path.join(dir, "workspace");
  mirror = path.join(dir, "mirror.git");
  markers = path.join(dir, "markers");
  fs.mkdirSync(markers, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  git(workspace, "init", "-q", "-b", "main");
  git(workspace, "commit", "-q", "--allow-empty", "-m", "base");
  git(workspace, "checkout", "-q", "-b", BRANCH);
  fs.writeFileSync(path.join(workspace, "work.txt"), "the agent's work\n");
  git(workspace, "add", ".");
  git(workspace, "commit", "-q", "-m", "OMOI-1: work");
  git(dir, "init", "-q", "--bare", mirror);
});

const exported = () => execFileSync("git", ["-C", mirror, "rev-parse", "refs/exported/x"], { encoding: "utf8" }).trim();
const head = () => git(workspace, "rev-parse", BRANCH);
const run = () => fetchFromWorkspace({ workspacePath: workspace, branch: BRANCH, gitDir: mirror, intoRef: "refs/exported/x" });

/** Config and hooks that each leave a marker file if git ever runs them. */
function plantHostileRepository() {
  const touch = (name: string) => `touch ${path.join(markers, name)}`;
  fs.appendFileSync(
    path.join(workspace, ".git", "config"),
    [
      "[core]",
      `\tfsmonitor = "${touch("fsmonitor")}; false"`,
      `\tsshCommand = "${touch("sshCommand")}; false"`,
      `\tpager = "${touch("pager")}; cat"`,
      `\thooksPath = ${path.join(workspace, ".git", "evil-hooks")}`,
      "[uploadpack]",
      `\tpackObjectsHook = "${touch("packObjectsHook")};"`,
      "[credential]",
      `\thelper = "!${touch("credentialHelper")}"`,
      "[url \"ext::sh -c touch% " + path.join(markers, "insteadOf") + "\"]",
      `\tinsteadOf = ${workspace}`,
      "[remote \"origin\"]",
      `\tpushurl = ext::sh -c "${touch("pushurl")}"`,
      "",
    ].join("\n"),
  );
  for (const dir of [path.join(workspace, ".git", "hooks"), path.join(workspace, ".git", "evil-hooks")]) {
    fs.mkdirSync(dir, { recursive: true });
    for (const hook of ["pre-upload-pack", "post-upload-pack", "reference-transaction", "pre-push", "post-checkout", "fsmonitor-watchman", "post-index-change", "pre-receive", "update"]) {
      fs.writeFileSync(path.join(dir, hook), `#!/bin/sh\n${touch(`hook-${hook}`)}\n`, { mode: 0o755 });
    }
  }
}

describe("fetchFromWorkspace", () => {
  it("copies the branch into the mirror, and the workspace's config and hooks do not execute", async () => {
    plantHostileRepository();
    await run();
    expect(exported()).toBe(head());
    // Every attempt was planted (the files are there) and none ran.
    expect(fs.readFileSync(path.join(workspace, ".git", "config"), "utf8")).toContain("packObjectsHook");
    expect(fs.readdirSync(markers)).toEqual([]);

    // The control: the server's git run *in* the workspace (as pushes used to be) runs what was planted.
    execFileSync("git", ["-C", workspace, "status", "--short"], { env: gitEnv(), stdio: "pipe" });
    expect(fs.readdirSync(markers)).toContain("fsmonitor");
  });

  it.runIf(process.getuid?.() === 0)("works when the workspace belongs to the sandbox's own user", async () => {
    plantHostileRepository();
    const expected = head();
    execFileSync("chown", ["-R", "65534:65534", workspace]);
    await run();
    expect(exported()).toBe(expected);
    expect(fs.readdirSync(markers)).toEqual([]);
  });

  it("refuses a branch ref that is a symlink into another repository", async () => {
    const victim = path.join(tmp, `victim-${n}`);
    fs.mkdirSync(victim);
    git(victim, "init", "-q", "-b", "main");
    git(victim, "commit", "-q", "--allow-empty", "-m", "another tenant's secret");
    const ref = path.join(workspace, ".git", "refs", "heads", ...BRANCH.split("/"));
    fs.rmSync(ref);
    fs.symlinkSync(path.join(victim, ".git", "refs", "heads", "main"), ref);
    fs.writeFileSync(path.join(workspace, ".git", "objects", "info", "alternates"), `${path.join(victim, ".git", "objects")}\n`);
    await expect(run()).rejects.toThrow(/cannot be exported: it has objects\/info\/alternates/);
    fs.rmSync(path.join(workspace, ".git", "objects", "info", "alternates"));
    await expect(run()).rejects.toThrow(/cannot be exported: refs\/heads\/omoi\/shop-1a2b3c4d\/OMOI-1 is a symbolic link/);
    expect(() => exported()).toThrow();
  });

  it("refuses repositories that point elsewhere: a .git file, commondir, a symlinked objects folder", async () => {
    fs.writeFileSync(path.join(workspace, ".git", "commondir"), "/somewhere/else\n");
    await expect(run()).rejects.toThrow(/it has commondir/);
    fs.rmSync(path.join(workspace, ".git", "commondir"));

    const packedRefs = path.join(workspace, ".git", "packed-refs");
    fs.symlinkSync(path.join(tmp, "elsewhere-packed-refs"), packedRefs);
    await expect(run()).rejects.toThrow(/packed-refs is a symbolic link/);
    fs.rmSync(packedRefs);

    const pack = path.join(workspace, ".git", "objects", "pack");
    const packs = `${pack}.real`;
    fs.renameSync(pack, packs);
    fs.symlinkSync(packs, pack);
    await expect(run()).rejects.toThrow(/objects\/pack is a symbolic link/);
    fs.rmSync(pack);
    fs.renameSync(packs, pack);

    // Hooks are never run by the export, so a project's setup may symlink them.
    fs.symlinkSync("/bin/true", path.join(workspace, ".git", "hooks", "pre-commit"));
    await run();
    expect(exported()).toBe(head());

    fs.rmSync(path.join(workspace, ".git"), { recursive: true });
    fs.writeFileSync(path.join(workspace, ".git"), "gitdir: /somewhere/else\n");
    await expect(run()).rejects.toThrow(/\.git is not a folder/);
  });

  it("fails clearly when the branch does not exist", async () => {
    await expect(fetchFromWorkspace({ workspacePath: workspace, branch: "omoi/nope/OMOI-9", gitDir: mirror, intoRef: "refs/exported/y" })).rejects.toThrow(
      /git fetch failed: .*omoi\/nope\/OMOI-9/,
    );
  });
});
