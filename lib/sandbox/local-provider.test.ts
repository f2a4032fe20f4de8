import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { netHostPathFor } from "@/lib/sandbox/isolation/run-sandbox-net-host";
import { createLocalProvider } from "@/lib/sandbox/local-provider";
import type { CreateSandboxInput } from "@/lib/sandbox/sandbox-provider";

let temp: string;
let origin: string;
let fakeAgent: string;
/** The real network host, built with the agent bundle by the global setup. */
const netHostPath = netHostPathFor(inject("agentBundlePath"));

// The test reads workspaces that belong to sandbox users; git refuses those unless a global config says otherwise.
const gitGlobal = path.join(os.tmpdir(), `omoios-test-gitconfig-${process.pid}`);
fs.writeFileSync(gitGlobal, "[safe]\n\tdirectory = *\n");
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: gitGlobal } }).trim();
const input = (id: string, repo: CreateSandboxInput["repo"]): CreateSandboxInput => ({ sandboxId: id, purpose: "spec", projectId: "p", specId: "s", repo });

beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-local-provider-"));
  // Sandbox users must be able to pass through to the sandbox root (see prepareSandboxRoot).
  fs.chmodSync(temp, 0o711);
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
  const provider = (isolation: "bwrap" | "none" = "bwrap") =>
    createLocalProvider({ root: path.join(temp, "root"), agentBundlePath: fakeAgent, stopGraceMs: 500, isolation, netHostPath });
  /** Host pids of every process whose real uid is `uid`. */
  const processesOf = (uid: number) =>
    fs.readdirSync("/proc").filter((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        const status = fs.readFileSync(`/proc/${name}/status`, "utf8");
        return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid && !/^State:\s+Z/m.test(status);
      } catch {
        return false;
      }
    });

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

  it("unconfined (SANDBOX_ISOLATION=none): runs the agent with exactly the given env (plus PATH/HOME/LANG), logs its output, and stop ends its whole process group", async () => {
    const local = provider("none");
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
    expect((await provider("none").status(ref)).state).toBe("exited");
    await local.destroy(ref);
    expect(fs.existsSync(ref.workspacePath)).toBe(false);
    expect(await local.logTail(ref, 100)).not.toBe(""); // the log outlives the workspace
    delete process.env.SOME_SERVER_SECRET;
  });

  it("confined: the agent runs under bubblewrap as a user of its own, in /workspace, with the contract and its bridge settings only; stop ends every process of the sandbox", async () => {
    const local = provider();
    const ref = await local.create(input("jail1", { url: origin, branch: "trunk" }));
    const owner = fs.statSync(ref.workspacePath).uid;
    if (process.getuid?.() === 0) expect(owner).toBeGreaterThanOrEqual(200_000);
    process.env.SOME_SERVER_SECRET = "do-not-leak";
    await local.startAgent(ref, { OMOIOS_SANDBOX_ID: "jail1", OMOIOS_API_URL: "http://localhost:3999", WORKSPACE_PATH: ref.workspacePath, EXECUTION_MODE: "implementation" });
    await expect.poll(() => local.logTail(ref, 10_000), { timeout: 5_000 }).toContain("argv");
    const printed = JSON.parse((await local.logTail(ref, 10_000)).split("\n")[0]!);
    expect(printed.cwd).toBe("/workspace");
    expect(printed.env).toMatchObject({ WORKSPACE_PATH: "/workspace", HOME: "/home/agent", OMOIOS_API_URL: "http://127.0.0.1:7070", HTTPS_PROXY: "http://127.0.0.1:3128" });
    expect(JSON.stringify(printed.env)).not.toContain("do-not-leak");
    await expect.poll(() => fs.existsSync(path.join(ref.workspacePath, "grandchild.pid")), { timeout: 5_000 }).toBe(true);
    if (process.getuid?.() === 0) expect(processesOf(owner).length).toBeGreaterThanOrEqual(2);
    await local.stop(ref);
    expect((await local.status(ref)).state).toBe("exited");
    if (process.getuid?.() === 0) await expect.poll(() => processesOf(owner).length, { timeout: 3_000 }).toBe(0);
    await local.destroy(ref);
    delete process.env.SOME_SERVER_SECRET;
  });

  it("confined and exploring: the workspace is read-only to the operating system, whatever the agent runs", async () => {
    const writer = path.join(temp, "writer-agent.mjs");
    fs.writeFileSync(
      writer,
      `import fs from "node:fs";
       for (const target of ["/workspace/pwned.txt", "/workspace/.git/hooks/pre-push", "/usr/pwned", "/tmp/ok.txt"]) {
         try { fs.writeFileSync(target, "x"); console.log("WROTE " + target); } catch (e) { console.log("REFUSED " + target + " " + e.code); }
       }`,
    );
    const local = createLocalProvider({ root: path.join(temp, "root"), agentBundlePath: writer, stopGraceMs: 500, netHostPath });
    const ref = await local.create(input("explore1", { url: origin, branch: "trunk" }));
    await local.startAgent(ref, { OMOIOS_SANDBOX_ID: "explore1", OMOIOS_API_URL: "http://localhost:3999", WORKSPACE_PATH: ref.workspacePath, EXECUTION_MODE: "exploration" });
    await expect.poll(() => local.logTail(ref, 10_000), { timeout: 5_000 }).toContain("/tmp/ok.txt");
    const log = await local.logTail(ref, 10_000);
    expect(log).toContain("REFUSED /workspace/pwned.txt EROFS");
    expect(log).toContain("REFUSED /workspace/.git/hooks/pre-push EROFS");
    expect(log).toContain("REFUSED /usr/pwned EROFS");
    expect(log).toContain("WROTE /tmp/ok.txt"); // its private /tmp is writable
    expect(fs.existsSync(path.join(ref.workspacePath, "pwned.txt"))).toBe(false);
    await local.destroy(ref);
  });
});
