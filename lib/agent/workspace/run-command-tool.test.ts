import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeTool } from "@/lib/agent/execute-tool";
import { createWorkspaceToolset, type WorkspaceToolsetOptions } from "@/lib/agent/workspace/create-workspace-toolset";
import { createTempGitRepo, type TempGitRepo } from "@/lib/agent/workspace/temp-git-repo.test-support";

let repo: TempGitRepo;
const disposers: Array<() => Promise<void>> = [];

beforeAll(() => {
  repo = createTempGitRepo({ "README.md": "# demo\n" });
});
afterAll(async () => {
  await Promise.all(disposers.map((dispose) => dispose()));
  repo.cleanup();
});

function runCommand(input: { command: string; timeout_ms?: number }, options: Partial<WorkspaceToolsetOptions> = {}, signal?: AbortSignal) {
  const toolset = createWorkspaceToolset({ root: repo.root, mode: "implementation", ...options });
  disposers.push(toolset.dispose);
  const tool = toolset.tools.find((candidate) => candidate.name === "run_command")!;
  return executeTool(tool, input, { signal });
}

/** Alive and not a zombie (a container's PID 1 may be slow to reap an orphan). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function waitUntilDead(pid: number, ms = 1000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !isAlive(pid);
}

describe("run_command", () => {
  it("runs a command in the workspace and reports output and exit code", async () => {
    const outcome = await runCommand({ command: "pwd && echo oops >&2 && exit 3" });
    expect(outcome.is_error).toBe(false);
    expect(outcome.content).toBe(`${fs.realpathSync(repo.root)}\noops\n[exit code 3]`);
  });

  it("enforces the timeout by killing the whole process group", async () => {
    const started = Date.now();
    const outcome = await runCommand({ command: "sleep 30 & echo $! > sleep.pid; wait" }, { commandTimeoutMs: 500 });
    const elapsed = Date.now() - started;

    expect(outcome.is_error).toBe(true);
    expect(outcome.content).toMatch(/^Timed out after 500 ms/);
    expect(elapsed).toBeLessThan(2000);
    const pid = Number(fs.readFileSync(path.join(repo.root, "sleep.pid"), "utf8"));
    expect(await waitUntilDead(pid)).toBe(true);
  });

  it("kills what a command left running in the background when it ends", async () => {
    const outcome = await runCommand({ command: "sleep 30 > /dev/null 2>&1 & echo $! > bg.pid; echo started" });
    expect(outcome.content).toBe("started\n[exit code 0]");
    const pid = Number(fs.readFileSync(path.join(repo.root, "bg.pid"), "utf8"));
    expect(await waitUntilDead(pid)).toBe(true);
  });

  it("stops the command when the run is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const outcome = await runCommand({ command: "sleep 30" }, {}, controller.signal);
    expect(outcome).toMatchObject({ is_error: true, content: /cancelled/ });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("caps output, keeping the beginning and the end with a truncation note", async () => {
    const outcome = await runCommand({ command: "seq 1 200000" }, { maxOutputBytes: 2000 });
    expect(outcome.content.length).toBeLessThan(2200);
    expect(outcome.content.startsWith("1\n2\n3\n")).toBe(true);
    expect(outcome.content).toMatch(/\[… output truncated: \d+ bytes omitted …\]/);
    expect(outcome.content).toMatch(/199999\n200000\n\[exit code 0\]$/);
  });

  it("passes no server secret into the environment, only the allowlist and explicit variables", async () => {
    const secrets = {
      ANTHROPIC_API_KEY: "sk-ant-test-secret-value-1234567890",
      GITHUB_TOKEN: "ghp_testsecret0987654321",
      DAYTONA_API_KEY: "daytona-test-secret-value",
      OMOIOS_SANDBOX_TOKEN: "omoisbx_testsecretvalue123",
      DATABASE_URL: process.env.DATABASE_URL ?? "postgres://user:dbpassword@localhost/db",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "nextauth-test-secret",
    };
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    try {
      const outcome = await runCommand({ command: "env" }, { commandEnv: { OMOIOS_TEST_VISIBLE: "passed-on-purpose" } });
      expect(outcome.is_error).toBe(false);
      for (const [name, value] of Object.entries(secrets)) {
        expect(outcome.content, name).not.toContain(value);
        expect(outcome.content, name).not.toMatch(new RegExp(`^${name}=`, "m"));
      }
      expect(outcome.content).toMatch(/^OMOIOS_TEST_VISIBLE=passed-on-purpose$/m);
      const home = /^HOME=(.*)$/m.exec(outcome.content)?.[1];
      expect(home).toBeDefined();
      expect(home).not.toBe(os.homedir());
      expect(home!.startsWith(os.tmpdir())).toBe(true);
      // The login shell's /etc/profile rewrites PATH; the caller's PATH must still come first.
      expect(outcome.content).toMatch(new RegExp(`^PATH=${escapeRegExp(process.env.PATH!.split(":")[0]!)}`, "m"));
    } finally {
      for (const name of Object.keys(secrets)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
