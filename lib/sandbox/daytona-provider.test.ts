import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  agentSessionId,
  buildAgentCommand,
  buildKillScript,
  createDaytonaProvider,
  shellQuote,
  type DaytonaProviderOptions,
} from "@/lib/sandbox/daytona-provider";
import type { CreateSandboxInput, SandboxRef } from "@/lib/sandbox/sandbox-provider";
import { startFakeDaytona, type FakeDaytona, type FakeSandbox } from "@/test/fake-daytona/fake-daytona-server";

const API_KEY = "dtn_test_0123456789abcdef";
const GIT_PASSWORD = "ghp_SuperSecretToken_9876543210";
const HOSTILE = `it's "$(touch /tmp/pwned)" \`id\` $HOME; rm -rf / \\ \n second line ' '' ✓`;

let fake: FakeDaytona;
let tempDir: string;
let bundlePath: string;
let bundleBytes: Buffer;
let createHook: ((sandbox: FakeSandbox) => void) | undefined;
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeDaytona({ apiKey: API_KEY, onCreate: (sandbox) => createHook?.(sandbox) });
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

  it("gives the agent exactly its env plus PATH and HOME, in the workspace, and returns its exit code", () => {
    const local = localSandbox(
      `process.stdout.write(JSON.stringify({ env: process.env, argv: process.argv.slice(2), cwd: process.cwd(), pid: process.pid }));
       process.exit(Number(process.env.EXIT_WITH));`,
    );
    const env = { ...AGENT_ENV, WORKSPACE_PATH: local.workspacePath, EXIT_WITH: "7" };
    const command = buildAgentCommand({ workspacePath: local.workspacePath }, env);
    expect(command.startsWith("env -i ")).toBe(true);

    const result = spawnSync("/bin/sh", ["-c", command], {
      encoding: "utf8",
      env: { NODE_ENV: "production", PATH: process.env.PATH, SERVER_SECRET: "must-not-leak", DATABASE_URL: "postgres://secret" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(7);
    const seen = JSON.parse(result.stdout);
    const { SHLVL: _shlvl, ...agentEnv } = seen.env; // bash as /bin/sh re-adds SHLVL on exec; dash adds nothing
    expect(agentEnv).toEqual({ ...env, PATH: process.env.PATH, HOME: local.home });
    expect(seen.argv).toEqual(["agent"]);
    expect(fs.realpathSync(seen.cwd)).toBe(fs.realpathSync(local.workspacePath));
    // The pid file names the agent itself (the inner shell exec'd into node).
    expect(Number(fs.readFileSync(local.pidFile, "utf8").trim())).toBe(seen.pid);
    expect(fs.existsSync("/tmp/pwned")).toBe(false);
  });

  it("rejects an env name that is not a shell variable name", () => {
    expect(() => buildAgentCommand({ workspacePath: "/w/workspace" }, { "A=B": "x" })).toThrow(/invalid environment variable name/);
    expect(() => buildAgentCommand({ workspacePath: "/w/workspace" }, { "X;id": "x" })).toThrow(/invalid environment variable name/);
  });

  it("the kill script ends the agent with SIGTERM, and with SIGKILL when it ignores SIGTERM", async () => {
    for (const [source, expected] of [
      [`process.on("SIGTERM", () => process.exit(143)); setInterval(() => {}, 1000);`, 143],
      [`process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);`, 128 + os.constants.signals.SIGKILL],
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
      for (let i = 0; i < 100 && !fs.existsSync(local.pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
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

  it("refuses a local repository path before creating anything", async () => {
    const before = fake.requests.length;
    await expect(provider().create(input({ repo: { url: "/srv/repos/app", branch: "main" } }))).rejects.toThrow(
      /daytona create failed: .*not a remote git URL/,
    );
    expect(fake.requests.length).toBe(before);
  });

  it("starts the agent in a session, async, with its env quoted after env -i; status and logs follow the command", async () => {
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
    expect(command).toContain(`OMOIOS_SANDBOX_TOKEN='omoisbx_token_value'`);
    expect(command).toContain(`AGENT_PROMPT=${shellQuote(HOSTILE)}`);
    expect(command).toContain(`exec node '\\''/home/daytona/.omoi/omoi-agent.mjs'\\'' agent`); // quoted once more for sh -c
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

  it("the SDK called no endpoint the fake lacks", () => {
    expect(fake.unknown).toEqual([]);
  });
});
