import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  agentSessionId,
  buildAgentCommand,
  buildAgentEnvFile,
  buildKillScript,
  createDaytonaProvider,
  shellQuote,
  type DaytonaProviderOptions,
} from "@/lib/sandbox/daytona-provider";
import type { CreateSandboxInput, SandboxRef } from "@/lib/sandbox/sandbox-provider";
import {
  startFakeDaytona,
  type FakeDaytona,
  type FakeExecResult,
  type FakeExecution,
  type FakeSandbox,
} from "@/test/fake-daytona/fake-daytona-server";

const API_KEY = "dtn_test_0123456789abcdef";
const GIT_PASSWORD = "ghp_SuperSecretToken_9876543210";
const HOSTILE = `it's "$(touch /tmp/pwned)" \`id\` $HOME; rm -rf / \\ \n second line ' '' ✓`;

let fake: FakeDaytona;
let tempDir: string;
let bundlePath: string;
let bundleBytes: Buffer;
let createHook: ((sandbox: FakeSandbox) => void) | undefined;
let executeHook: ((sandbox: FakeSandbox, execution: FakeExecution) => FakeExecResult | undefined) | undefined;
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeDaytona({
    apiKey: API_KEY,
    onCreate: (sandbox) => createHook?.(sandbox),
    onExecute: (sandbox, execution) => executeHook?.(sandbox, execution) ?? { exitCode: 0, result: "" },
  });
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "daytona-provider-"));
  bundlePath = path.join(tempDir, "omoi-agent.mjs");
  bundleBytes = Buffer.concat([Buffer.from("// fake bundle\n"), randomBytes(4096)]);
  fs.writeFileSync(bundlePath, bundleBytes);
});

afterAll(async () => {
  await fake?.stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

function provider(overrides: Partial<DaytonaProviderOptions> = {}) {
  return createDaytonaProvider({
    apiKey: API_KEY,
    apiUrl: fake.apiUrl,
    snapshot: "omoi-node20",
    resources: { cpu: 2, memory: 4, disk: 10 },
    autoStopMinutes: 30,
    agentBundlePath: bundlePath,
    gitCredentials: { username: "x-access-token", password: GIT_PASSWORD },
    ...overrides,
  });
}

function input(overrides: Partial<CreateSandboxInput> = {}): CreateSandboxInput {
  sequence += 1;
  return {
    sandboxId: `sbx_${sequence}_${Date.now().toString(36)}`,
    purpose: "task",
    projectId: "proj_1",
    specId: null,
    taskId: "task_1",
    repo: { url: "https://github.com/acme/app.git", branch: "feature/login" },
    ...overrides,
  };
}

function sandboxOf(ref: SandboxRef): FakeSandbox {
  const sandbox = fake.sandboxes.get(ref.externalId);
  if (!sandbox) throw new Error(`no fake sandbox ${ref.externalId}`);
  return sandbox;
}

function createRequestFor(sandboxId: string) {
  return fake.requests.find((r) => r.method === "POST" && r.path === "/api/sandbox" && r.body?.labels?.["omoios.sandbox"] === sandboxId);
}

const AGENT_ENV = {
  OMOIOS_API_URL: "http://10.0.0.1:3000",
  OMOIOS_SANDBOX_ID: "sbx_x",
  OMOIOS_SANDBOX_TOKEN: "omoisbx_token_value",
  WORKSPACE_PATH: "/home/daytona/workspace",
  AGENT_PROMPT: HOSTILE,
};

describe("shellQuote", () => {
  const values = [
    "",
    "plain",
    "it's",
    "'",
    "''",
    "$(touch /tmp/pwned-by-quote)",
    "`id`",
    "$HOME ${PATH} $1 $$",
    "a\nb\n\nc",
    "back\\slash\\",
    '"double" quotes',
    "; rm -rf / #",
    "-n",
    "tab\tand\rcarriage",
    "ünïcødé ✓ 😀",
    HOSTILE,
  ];

  it.each(values.map((v) => [JSON.stringify(v), v]))("survives /bin/sh unchanged: %s", (_label, value) => {
    const result = spawnSync("/bin/sh", ["-c", `printf %s ${shellQuote(value)}`], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(value);
  });

  it("refuses a NUL byte, which no shell word can hold", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});

describe("agent command, run locally through /bin/sh", () => {
  // The command is plain POSIX sh, so what it does in a sandbox it does here too.
  function localSandbox(bundleSource: string) {
    const home = fs.mkdtempSync(path.join(tempDir, "home-"));
    const workspacePath = path.join(home, "workspace");
    fs.mkdirSync(workspacePath);
    fs.mkdirSync(path.join(home, ".omoi"));
    fs.writeFileSync(path.join(home, ".omoi", "omoi-agent.mjs"), bundleSource);
    return { home, workspacePath, pidFile: path.join(home, ".omoi", "agent.pid") };
  }

  it("gives the agent PATH, HOME and the path of its env file only, in the workspace, and returns its exit code", () => {
    const local = localSandbox(
      `import fs from "node:fs";
       const contract = JSON.parse(fs.readFileSync(process.env.OMOIOS_ENV_FILE, "utf8"));
       process.stdout.write(JSON.stringify({ env: process.env, contract, argv: process.argv.slice(2), cwd: process.cwd(), pid: process.pid }));
       process.exit(Number(contract.EXIT_WITH));`,
    );
    const env = { ...AGENT_ENV, WORKSPACE_PATH: local.workspacePath, EXIT_WITH: "7" };
    // What startAgent uploads, where it uploads it.
    const envFile = path.join(local.home, ".omoi", "agent-env.json");
    fs.writeFileSync(envFile, buildAgentEnvFile(env), { mode: 0o600 });
    const command = buildAgentCommand({ workspacePath: local.workspacePath }, env);
    expect(command.startsWith("env -i ")).toBe(true);
    for (const value of [env.OMOIOS_SANDBOX_TOKEN, env.OMOIOS_API_URL, env.AGENT_PROMPT]) expect(command).not.toContain(value);

    const result = spawnSync("/bin/sh", ["-c", command], {
      encoding: "utf8",
      env: { NODE_ENV: "production", PATH: process.env.PATH, SERVER_SECRET: "must-not-leak", DATABASE_URL: "postgres://secret" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(7);
    const seen = JSON.parse(result.stdout);
    const { SHLVL: _shlvl, ...agentEnv } = seen.env; // bash as /bin/sh re-adds SHLVL on exec; dash adds nothing
    expect(agentEnv).toEqual({ PATH: process.env.PATH, HOME: local.home, OMOIOS_ENV_FILE: envFile });
    expect(seen.contract).toEqual(env);
    expect(seen.argv).toEqual(["agent"]);
    expect(fs.realpathSync(seen.cwd)).toBe(fs.realpathSync(local.workspacePath));
    // The pid file names the agent itself (the inner shell exec'd into node).
    expect(Number(fs.readFileSync(local.pidFile, "utf8").trim())).toBe(seen.pid);
    expect(fs.existsSync("/tmp/pwned")).toBe(false);
  });

  it("rejects an env name that is not a shell variable name", () => {
    expect(() => buildAgentEnvFile({ "A=B": "x" })).toThrow(/invalid environment variable name/);
    expect(() => buildAgentEnvFile({ "X;id": "x" })).toThrow(/invalid environment variable name/);
  });

  it("the kill script ends the agent with SIGTERM, and with SIGKILL when it ignores SIGTERM", async () => {
    // Each agent says when its SIGTERM handler is in place (a file beside it): on a loaded machine a fixed wait was
    // sometimes too short, and a SIGTERM before the handler ends node the default way.
    const ready = `fs.writeFileSync(new URL("ready", import.meta.url), "");`;
    for (const [source, expected] of [
      [`import fs from "node:fs"; process.on("SIGTERM", () => process.exit(143)); setInterval(() => {}, 1000); ${ready}`, 143],
      [`import fs from "node:fs"; process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); ${ready}`, 128 + os.constants.signals.SIGKILL],
    ] as const) {
      const local = localSandbox(source);
      const ref = { workspacePath: local.workspacePath };
      const child = spawn("/bin/sh", ["-c", buildAgentCommand(ref, { A: "1" })], {
        env: { NODE_ENV: "test", PATH: process.env.PATH },
        stdio: "ignore",
      });
      // Whether the outer sh waits for the agent or became it, fold a signal into the shell's 128+n status.
      const exited = new Promise<number>((resolve) =>
        child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0))),
      );
      // Wait until node is up (pid file written and the SIGTERM handler installed).
      const readyFile = path.join(path.dirname(local.pidFile), "ready");
      for (let i = 0; i < 200 && !(fs.existsSync(local.pidFile) && fs.existsSync(readyFile)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(fs.existsSync(readyFile)).toBe(true);
      const kill = spawnSync("/bin/sh", ["-c", buildKillScript(ref, 1)], { encoding: "utf8" });
      expect(kill.status).toBe(0);
      expect(await exited).toEqual(expected);
      // Safe to run again once the agent is gone.
      expect(spawnSync("/bin/sh", ["-c", buildKillScript(ref, 1)]).status).toBe(0);
    }
  });
});

describe("Daytona provider against the fake Daytona API (real SDK)", () => {
  it("creates from a snapshot with auto-stop and labels, clones with the credentials as arguments, uploads the bundle", async () => {
    const request = input();
    const ref = await provider().create(request);

    expect(ref).toEqual({ sandboxId: request.sandboxId, externalId: expect.any(String), workspacePath: "/home/daytona/workspace", logPath: null });
    const sandbox = sandboxOf(ref);

    const create = createRequestFor(request.sandboxId);
    expect(create?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(create?.body).toMatchObject({ snapshot: "omoi-node20", autoStopInterval: 30, env: {} });
    // Daytona rejects resources next to a snapshot; they only go with an image.
    expect(create?.body).not.toHaveProperty("cpu");
    expect(create?.body).not.toHaveProperty("memory");
    expect(create?.body).not.toHaveProperty("disk");
    expect(create?.body.labels).toMatchObject({
      "omoios.project": "proj_1",
      "omoios.task": "task_1",
      "omoios.sandbox": request.sandboxId,
      "omoios.purpose": "task",
    });
    expect(create?.body.labels).not.toHaveProperty("omoios.spec");

    expect(sandbox.clones).toEqual([
      {
        url: "https://github.com/acme/app.git",
        path: "/home/daytona/workspace",
        branch: "feature/login",
        username: "x-access-token",
        password: GIT_PASSWORD,
      },
    ]);
    expect(sandbox.executions.filter((e) => e.command.includes("git init"))).toEqual([]);

    expect(sandbox.folders.has("/home/daytona/.omoi")).toBe(true);
    expect(sandbox.files.get("/home/daytona/.omoi/omoi-agent.mjs")?.equals(bundleBytes)).toBe(true);

    // The password went to the clone call and nowhere else: no URL, no file, no command, no other body.
    for (const recorded of fake.requests) {
      const url = `${recorded.path}?${new URLSearchParams(recorded.query)}`;
      expect(url).not.toContain(GIT_PASSWORD);
      for (const file of recorded.files ?? []) expect(file.content.includes(GIT_PASSWORD)).toBe(false);
      if (recorded.path.endsWith("/git/clone")) continue;
      expect(JSON.stringify(recorded.body ?? null)).not.toContain(GIT_PASSWORD);
    }
    for (const file of sandbox.files.values()) expect(file.includes(GIT_PASSWORD)).toBe(false);
    for (const execution of sandbox.executions) expect(execution.command).not.toContain(GIT_PASSWORD);
    expect(fake.unknown).toEqual([]);
  });

  it("creates from an image with resources", async () => {
    const request = input({ purpose: "spec", specId: "spec_1", taskId: undefined });
    const ref = await provider({ snapshot: undefined, image: "node:20-bookworm" }).create(request);
    const create = createRequestFor(request.sandboxId);
    expect(create?.body).toMatchObject({
      buildInfo: { dockerfileContent: "FROM node:20-bookworm\n" },
      cpu: 2,
      memory: 4,
      disk: 10,
      autoStopInterval: 30,
    });
    expect(create?.body.snapshot).toBeUndefined();
    expect(create?.body.labels).toMatchObject({ "omoios.spec": "spec_1", "omoios.purpose": "spec" });
    expect(create?.body.labels).not.toHaveProperty("omoios.task");
    expect(sandboxOf(ref).state).toBe("started");
  });

  it("without a repository, initialises an empty git repository on the branch", async () => {
    const ref = await provider().create(input({ repo: { url: null, branch: "main" } }));
    const sandbox = sandboxOf(ref);
    expect(sandbox.clones).toEqual([]);
    expect(sandbox.executions.map((e) => e.command)).toEqual([
      `sh -c ${shellQuote("mkdir -p '/home/daytona/workspace' && git init -q -b 'main' '/home/daytona/workspace'")}`,
    ]);
    expect(sandbox.files.get("/home/daytona/.omoi/omoi-agent.mjs")?.equals(bundleBytes)).toBe(true);
  });

  it("sends git credentials only to their host over https", async () => {
    const ref = await provider().create(input({ repo: { url: "https://git.example.com/acme/app.git", branch: "main" } }));
    expect(sandboxOf(ref).clones[0]).toMatchObject({ url: "https://git.example.com/acme/app.git", username: undefined, password: undefined });
  });

  it("sends the GitHub token only for owners the operator allowed (GITHUB_ALLOWED_OWNERS)", async () => {
    const scoped = provider({ gitCredentials: { username: "x-access-token", password: GIT_PASSWORD, allowedOwners: ["acme"] } });
    const other = await scoped.create(input({ repo: { url: "https://github.com/someone-else/app.git", branch: "main" } }));
    expect(sandboxOf(other).clones[0]).toMatchObject({ username: undefined, password: undefined });
    const allowed = await scoped.create(input({ repo: { url: "https://github.com/ACME/app.git", branch: "main" } }));
    expect(sandboxOf(allowed).clones[0]).toMatchObject({ username: "x-access-token", password: GIT_PASSWORD });
  });

  it("refuses a local repository path before creating anything", async () => {
    const before = fake.requests.length;
    await expect(provider().create(input({ repo: { url: "/srv/repos/app", branch: "main" } }))).rejects.toThrow(
      /daytona create failed: .*not a remote git URL/,
    );
    expect(fake.requests.length).toBe(before);
  });

  it("starts the agent in a session, async, its env in a 0600 file the command names; status and logs follow the command", async () => {
    const p = provider();
    const ref = await p.create(input());
    await p.startAgent(ref, AGENT_ENV);

    const sessionId = agentSessionId(ref.sandboxId);
    const session = sandboxOf(ref).sessions.get(sessionId);
    expect(session?.commands).toHaveLength(1);
    const exec = fake.requests.find((r) => r.path.endsWith(`/process/session/${sessionId}/exec`));
    expect(exec?.body).toMatchObject({ runAsync: true });
    const command: string = exec?.body.command;
    expect(command).toBe(buildAgentCommand(ref, AGENT_ENV));
    expect(command.startsWith("env -i ")).toBe(true);
    expect(command).toContain(`OMOIOS_ENV_FILE='/home/daytona/.omoi/agent-env.json'`);
    expect(command).not.toContain(AGENT_ENV.OMOIOS_SANDBOX_TOKEN);
    expect(command).not.toContain("AGENT_PROMPT");
    expect(command).toContain(`exec node '\\''/home/daytona/.omoi/omoi-agent.mjs'\\'' agent`); // quoted once more for sh -c
    // The contract went by upload, into the agent's 0700 folder, narrowed to 0600 before the command started.
    const envFile = "/home/daytona/.omoi/agent-env.json";
    expect(JSON.parse(sandboxOf(ref).files.get(envFile)!.toString("utf8"))).toEqual(AGENT_ENV);
    expect(sandboxOf(ref).modes.get(envFile)).toBe("600");
    expect(sandboxOf(ref).modes.get("/home/daytona/.omoi")).toBe("700");
    const order = (match: (r: (typeof fake.requests)[number]) => boolean) => fake.requests.findIndex(match);
    const chmodAt = order((r) => r.path.endsWith("/files/permissions") && r.query.path === envFile);
    expect(order((r) => r.path.endsWith("/files/bulk-upload") && !!r.files?.some((f) => f.path === envFile))).toBeLessThan(chmodAt);
    expect(chmodAt).toBeLessThan(fake.requests.indexOf(exec!));
    expect(command).not.toContain(GIT_PASSWORD);
    expect(command).not.toContain(API_KEY);
    // Nothing of the agent's env was given to the sandbox itself.
    expect(sandboxOf(ref).env).toEqual({});

    expect(await p.status(ref)).toEqual({ state: "running" });
    fake.writeOutput(ref.externalId, sessionId, "turn 1\n");
    expect(await p.logTail(ref, 1000)).toBe("turn 1\n");

    fake.finishCommand(ref.externalId, sessionId, { exitCode: 3, stdout: "turn 2\ndone ✓\n", stderr: "warning\n" });
    expect(await p.status(ref)).toEqual({ state: "exited", exitCode: 3 });
    expect(await p.logTail(ref, 1000)).toBe("turn 1\nturn 2\ndone ✓\nwarning\n");
    expect(await p.logTail(ref, 8)).toBe("warning\n");
    expect(await p.logTail(ref, 12)).toBe("✓\nwarning\n");
    // Cutting inside a multi-byte character drops its broken head.
    expect(await p.logTail(ref, 11)).toBe("\nwarning\n");

    // A second start after the first ended reuses the session name.
    await p.startAgent(ref, AGENT_ENV);
    expect(await p.status(ref)).toEqual({ state: "running" });
    await expect(p.startAgent(ref, AGENT_ENV)).rejects.toThrow(/daytona startAgent failed: .*already running/);
    expect(fake.unknown).toEqual([]);
  });

  it("a provider in another process finds the agent from the ref alone", async () => {
    const ref = await provider().create(input());
    await provider().startAgent(ref, AGENT_ENV);
    fake.finishCommand(ref.externalId, agentSessionId(ref.sandboxId), { exitCode: 0, stdout: "bye\n" });
    const other = provider();
    expect(await other.status({ ...ref })).toEqual({ state: "exited", exitCode: 0 });
    expect(await other.logTail({ ...ref }, 100)).toBe("bye\n");
  });

  it("stop kills the agent, ends the session and stops the sandbox; twice is fine", async () => {
    const p = provider();
    const ref = await p.create(input());
    await p.startAgent(ref, AGENT_ENV);
    await p.stop(ref);

    const sandbox = sandboxOf(ref);
    expect(sandbox.state).toBe("stopped");
    expect(sandbox.executions.at(-1)?.command).toBe(`sh -c ${shellQuote(buildKillScript(ref))}`);
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path.endsWith(`/process/session/${agentSessionId(ref.sandboxId)}`))).toBe(true);
    expect(fake.requests.some((r) => r.method === "POST" && r.path === `/api/sandbox/${ref.externalId}/stop`)).toBe(true);
    expect(await p.status(ref)).toEqual({ state: "exited", exitCode: null });
    expect(await p.logTail(ref, 100)).toBe("");

    await p.stop(ref);
    expect(sandbox.state).toBe("stopped");

    // Starting again brings the sandbox back up first.
    await p.startAgent(ref, AGENT_ENV);
    expect(sandbox.state).toBe("started");
    expect(await p.status(ref)).toEqual({ state: "running" });
  });

  it("stop tolerates a sandbox whose agent never started and one that is gone", async () => {
    const p = provider();
    const ref = await p.create(input());
    await p.stop(ref);
    expect(sandboxOf(ref).state).toBe("stopped");
    await p.destroy(ref);
    await p.stop(ref);
  });

  it("destroy deletes the sandbox; twice and unknown ids are fine", async () => {
    const p = provider();
    const ref = await p.create(input());
    await p.destroy(ref);
    expect(sandboxOf(ref).deleted).toBe(true);
    expect(fake.requests.filter((r) => r.method === "DELETE" && r.path === `/api/sandbox/${ref.externalId}`)).toHaveLength(1);
    await p.destroy(ref);
    await p.destroy({ ...ref, externalId: "no-such-sandbox" });
    expect(await p.status(ref)).toEqual({ state: "exited", exitCode: null });
  });

  it("destroy treats a 404 on the delete itself as success", async () => {
    const p = provider();
    const ref = await p.create(input());
    fake.failNext(`/api/sandbox/${ref.externalId}`, 404, { method: "DELETE", message: "gone meanwhile" });
    await p.destroy(ref);
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", status: 404 });
    fake.failNext(`/api/sandbox/${ref.externalId}`, 500, { method: "DELETE", message: "boom" });
    await expect(p.destroy(ref)).rejects.toThrow(/daytona destroy failed \(HTTP 500\): boom/);
  });

  it("status is unknown when the API fails", async () => {
    const p = provider();
    const ref = await p.create(input());
    fake.failNext(`/api/sandbox/${ref.externalId}`, 503, { message: "maintenance" });
    expect(await p.status(ref)).toEqual({ state: "unknown" });
    fake.failNext(`/process/session/`, 500, { message: "daemon hiccup" });
    expect(await p.status(ref)).toEqual({ state: "unknown" });
    expect(await p.status(ref)).toEqual({ state: "exited", exitCode: null }); // started sandbox, no agent session
  });

  it("deletes the sandbox when the clone fails, and the error carries no secret", async () => {
    const request = input();
    fake.failNext("/git/clone", 500, {
      message: `fatal: could not read from https://x-access-token:${GIT_PASSWORD}@github.com/acme/app.git (key ${API_KEY})`,
    });
    const error = await provider()
      .create(request)
      .then(() => null, (err: Error) => err);
    expect(error?.message).toMatch(/^daytona create failed \(HTTP 500\): fatal: could not read/);
    expect(error?.message).not.toContain(GIT_PASSWORD);
    expect(error?.message).not.toContain(API_KEY);
    const created = [...fake.sandboxes.values()].find((s) => s.labels["omoios.sandbox"] === request.sandboxId);
    expect(created?.deleted).toBe(true);
  });

  it("deletes the sandbox when the upload fails", async () => {
    const request = input();
    fake.failNext("/files/bulk-upload", 507, { message: "disk full" });
    await expect(provider().create(request)).rejects.toThrow(/daytona create failed \(HTTP 507\): disk full/);
    const created = [...fake.sandboxes.values()].find((s) => s.labels["omoios.sandbox"] === request.sandboxId);
    expect(created?.deleted).toBe(true);
  });

  it("deletes a sandbox the SDK made but that never started (found by its label)", async () => {
    const request = input();
    createHook = (sandbox) => {
      sandbox.state = "error";
      sandbox.errorReason = "no capacity";
    };
    try {
      await expect(provider().create(request)).rejects.toThrow(/daytona create failed: .*no capacity/);
    } finally {
      createHook = undefined;
    }
    const created = [...fake.sandboxes.values()].find((s) => s.labels["omoios.sandbox"] === request.sandboxId);
    expect(created?.deleted).toBe(true);
  });

  it("a wrong API key gives a clear error that does not echo the key", async () => {
    const wrongKey = "dtn_wrong_key_123456";
    const before = fake.sandboxes.size;
    const p = provider({ apiKey: wrongKey });
    const error = await p.create(input()).then(() => null, (err: Error) => err);
    expect(error?.message).toMatch(/^daytona create failed \(HTTP 401\): .*Daytona API key/);
    expect(error?.message).not.toContain(wrongKey);
    expect(fake.sandboxes.size).toBe(before);
    expect(fake.requests.at(-1)?.status).toBe(401);
    expect(await p.status({ sandboxId: "x", externalId: "y", workspacePath: "/home/daytona/workspace" })).toEqual({ state: "unknown" });
  });

  describe("exportBranch", () => {
    const BRANCH = "omoi/app-1a2b3c4d/OMOI-3";
    const gitHere = (cwd: string, ...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.test", ...args], { cwd, encoding: "utf8", stdio: "pipe" }).trim();
    /** What the sandbox's workspace holds, played here: a real repository the bundle is made from. */
    function workspaceRepo() {
      const dir = fs.mkdtempSync(path.join(tempDir, "ws-"));
      gitHere(dir, "init", "-q", "-b", "main");
      gitHere(dir, "commit", "-q", "--allow-empty", "-m", "base");
      gitHere(dir, "checkout", "-q", "-b", BRANCH);
      fs.writeFileSync(path.join(dir, "work.txt"), "work\n");
      gitHere(dir, "add", ".");
      gitHere(dir, "commit", "-q", "-m", "OMOI-3: work");
      return dir;
    }
    /** The sandbox's side of `git bundle create`: the bundle lands where the command said, as the daemon's files. */
    function bundleInSandbox(repo: string, refs: string[] | "garbage") {
      executeHook = (sandbox, execution) => {
        if (!execution.command.includes("bundle create")) return undefined;
        const target = /\/home\/daytona\/\.omoi\/export-[0-9a-f]+\.bundle/.exec(execution.command)![0];
        const local = path.join(tempDir, `made-${randomBytes(4).toString("hex")}.bundle`);
        if (refs === "garbage") fs.writeFileSync(local, "# v2 git bundle\nnot really\n");
        else gitHere(repo, "bundle", "create", "--quiet", local, ...refs);
        sandbox.files.set(target, fs.readFileSync(local));
        return { exitCode: 0, result: "" };
      };
    }
    const bareMirror = () => {
      const dir = fs.mkdtempSync(path.join(tempDir, "mirror-"));
      gitHere(dir, "init", "-q", "--bare");
      return dir;
    };

    it("makes a bundle in the sandbox, downloads and verifies it, and fetches the branch into the mirror; nothing is pushed from the sandbox", async () => {
      const p = provider();
      const ref = await p.create(input());
      const sandbox = sandboxOf(ref);
      const repo = workspaceRepo();
      const mirror = bareMirror();
      bundleInSandbox(repo, [`refs/heads/${BRANCH}`]);
      try {
        await p.exportBranch(ref, BRANCH, mirror, "refs/exported/x");
      } finally {
        executeHook = undefined;
      }
      expect(gitHere(mirror, "rev-parse", "refs/exported/x")).toBe(gitHere(repo, "rev-parse", BRANCH));
      const bundleCommand = sandbox.executions.find((e) => e.command.includes("bundle create"))!.command;
      expect(bundleCommand).toContain(`git -C '\\''/home/daytona/workspace'\\'' bundle create`);
      expect(bundleCommand).toContain(`'\\''refs/heads/${BRANCH}'\\''`);
      // The bundle was taken away; no push call, no credential in any command or request made for the export.
      expect([...sandbox.files.keys()].filter((name) => name.endsWith(".bundle"))).toEqual([]);
      expect(sandbox.pushes).toEqual([]);
      expect(fake.requests.some((r) => r.path.endsWith("/git/push"))).toBe(false);
      for (const execution of sandbox.executions) expect(execution.command).not.toContain(GIT_PASSWORD);
      const exportRequests = fake.requests.filter((r) => r.path.includes("/files/bulk-download") || (r.method === "DELETE" && r.path.endsWith("/files")));
      expect(exportRequests.map((r) => r.method)).toEqual(["POST", "DELETE"]);
      for (const r of exportRequests) expect(JSON.stringify(r)).not.toContain(GIT_PASSWORD);
    });

    it("refuses a bundle that is not one, or that lacks the branch, and writes nothing to the mirror", async () => {
      const p = provider();
      const ref = await p.create(input());
      const repo = workspaceRepo();
      const mirror = bareMirror();
      try {
        bundleInSandbox(repo, "garbage");
        await expect(p.exportBranch(ref, BRANCH, mirror, "refs/exported/x")).rejects.toThrow(/^daytona exportBranch failed: git bundle failed/);
        bundleInSandbox(repo, ["refs/heads/main"]);
        await expect(p.exportBranch(ref, BRANCH, mirror, "refs/exported/x")).rejects.toThrow(/git fetch failed: .*couldn't find remote ref/);
      } finally {
        executeHook = undefined;
      }
      expect(() => gitHere(mirror, "rev-parse", "--verify", "--quiet", "refs/exported/x")).toThrow();
    });

    it("reports a failing bundle command with its output", async () => {
      const p = provider();
      const ref = await p.create(input());
      executeHook = (_sandbox, execution) => (execution.command.includes("bundle create") ? { exitCode: 128, result: "fatal: Refusing to create empty bundle." } : undefined);
      try {
        await expect(p.exportBranch(ref, BRANCH, bareMirror(), "refs/exported/x")).rejects.toThrow(/git bundle create exited with 128: fatal: Refusing to create empty bundle/);
      } finally {
        executeHook = undefined;
      }
    });
  });

  it("the SDK called no endpoint the fake lacks", () => {
    expect(fake.unknown).toEqual([]);
  });

  it("no command the fake received, in any sandbox or session, carries the sandbox token; only the env file upload does", () => {
    const token = AGENT_ENV.OMOIOS_SANDBOX_TOKEN;
    const sandboxes = [...fake.sandboxes.values()];
    const commands = sandboxes.flatMap((s) => [...s.executions.map((e) => e.command), ...[...s.sessions.values()].flatMap((x) => x.commands.map((c) => c.command))]);
    expect(commands.some((command) => command.includes("OMOIOS_ENV_FILE="))).toBe(true);
    for (const command of commands) expect(command).not.toContain(token);
    for (const request of fake.requests) {
      expect(JSON.stringify({ path: request.path, query: request.query, body: request.body, headers: request.headers })).not.toContain(token);
      for (const file of request.files ?? []) {
        if (file.content.includes(token)) expect(file.path).toBe("/home/daytona/.omoi/agent-env.json");
      }
    }
  });
});
