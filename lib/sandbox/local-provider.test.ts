import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalProvider } from "@/lib/sandbox/local-provider";
import type { CreateSandboxInput } from "@/lib/sandbox/sandbox-provider";

let temp: string;
let origin: string;
let fakeAgent: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
const input = (id: string, repo: CreateSandboxInput["repo"]): CreateSandboxInput => ({ sandboxId: id, purpose: "spec", projectId: "p", specId: "s", repo });

beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-local-provider-"));
  origin = path.join(temp, "origin");
  fs.mkdirSync(origin);
  git(origin, "init", "-q", "-b", "trunk");
  git(origin, "config", "user.email", "dev@example.test");
  git(origin, "config", "user.name", "Dev");
  fs.writeFileSync(path.join(origin, "README.md"), "# shop\n");
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "first");
  git(origin, "checkout", "-q", "-b", "develop");
  fs.writeFileSync(path.join(origin, "DEVELOP.md"), "wip\n");
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "develop work");
  git(origin, "checkout", "-q", "trunk");
  // Stands in for the agent bundle: prints its environment, starts a grandchild, then waits to be stopped.
  fakeAgent = path.join(temp, "fake-agent.mjs");
  fs.writeFileSync(
    fakeAgent,
    `import { spawn } from "node:child_process";
     import fs from "node:fs";
     console.log(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }));
     const grandchild = spawn("sleep", ["30"], { stdio: "ignore" });
     fs.writeFileSync("grandchild.pid", String(grandchild.pid));
     setInterval(() => {}, 1000);`,
  );
});

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z");
  } catch {
    return false;
  }
};

describe("local sandbox provider", () => {
  const provider = () => createLocalProvider({ root: path.join(temp, "root"), agentBundlePath: fakeAgent, stopGraceMs: 500 });

  it("clones a local repository at the project's branch, with a commit identity and no remote credentials", async () => {
    const ref = await provider().create(input("clone1", { url: origin, branch: "develop" }));
    expect(git(ref.workspacePath, "rev-parse", "--abbrev-ref", "HEAD")).toBe("develop");
    expect(fs.existsSync(path.join(ref.workspacePath, "DEVELOP.md"))).toBe(true);
    expect(git(ref.workspacePath, "config", "user.name")).toBe("OmoiOS agent");
    expect(fs.readFileSync(path.join(ref.workspacePath, ".git", "config"), "utf8")).not.toMatch(/extraheader|token/i);
  });

  it("starts an empty repository with a first commit when the project has none", async () => {
    const ref = await provider().create(input("empty1", { url: null, branch: "main" }));
    expect(git(ref.workspacePath, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(git(ref.workspacePath, "log", "--format=%s")).toBe("Initial commit");
  });

  it("refuses a missing repository or branch with a clear error and leaves nothing behind", async () => {
    await expect(provider().create(input("missing1", { url: path.join(temp, "nope"), branch: "main" }))).rejects.toThrow(/repository not found/);
    await expect(provider().create(input("missing2", { url: origin, branch: "release" }))).rejects.toThrow(/branch "release" not found/);
    expect(fs.existsSync(path.join(temp, "root", "missing2"))).toBe(false);
    await expect(provider().create(input("../escape", { url: null, branch: "main" }))).rejects.toThrow(/invalid sandbox id/);
  });

  it("runs the agent with exactly the given env (plus PATH/HOME/LANG), logs its output, and stop ends its whole process group", async () => {
    const local = provider();
    const ref = await local.create(input("run1", { url: null, branch: "main" }));
    process.env.SOME_SERVER_SECRET = "do-not-leak";
    const exits: unknown[] = [];
    await local.startAgent(ref, { OMOIOS_SANDBOX_ID: "run1", WORKSPACE_PATH: ref.workspacePath }, (status) => exits.push(status));
    await expect.poll(() => local.logTail(ref, 10_000), { timeout: 5_000 }).toContain("argv");
    const printed = JSON.parse((await local.logTail(ref, 10_000)).split("\n")[0]!);
    expect(printed.argv).toEqual(["agent"]);
    expect(printed.cwd).toBe(ref.workspacePath);
    expect(Object.keys(printed.env).sort()).toEqual(["HOME", "LANG", "OMOIOS_SANDBOX_ID", "PATH", "WORKSPACE_PATH"]);
    expect(JSON.stringify(printed.env)).not.toContain("do-not-leak");
    expect((await local.status(ref)).state).toBe("running");

    await expect.poll(() => fs.existsSync(path.join(ref.workspacePath, "grandchild.pid")), { timeout: 5_000 }).toBe(true);
    const grandchild = Number(fs.readFileSync(path.join(ref.workspacePath, "grandchild.pid"), "utf8"));
    expect(alive(grandchild)).toBe(true);
    await local.stop(ref);
    expect((await local.status(ref)).state).toBe("exited");
    await expect.poll(() => alive(grandchild), { timeout: 3_000 }).toBe(false);
    await expect.poll(() => exits.length, { timeout: 3_000 }).toBe(1);

    // Another provider instance (a restarted worker) finds the sandbox again from the ref alone.
    expect((await provider().status(ref)).state).toBe("exited");
    await local.destroy(ref);
    expect(fs.existsSync(ref.workspacePath)).toBe(false);
    expect(await local.logTail(ref, 100)).not.toBe(""); // the log outlives the workspace
    delete process.env.SOME_SERVER_SECRET;
  });
});
