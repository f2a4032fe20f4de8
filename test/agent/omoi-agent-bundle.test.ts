import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { settleLlmUsage } from "@/lib/llm/record-llm-usage";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { buildAgentBundle } from "@/scripts/build-agent";
import { startTestAppServer, type TestAppServer } from "@/test/app-server";
import { startFakeAnthropic, type FakeAnthropic } from "@/test/fake-anthropic/fake-anthropic-server";
import { createTestProject, createTestUser } from "@/test/factories";

const SERVER_KEY = "sk-ant-server-only-key-123456";
let fake: FakeAnthropic;
let app: TestAppServer;
let appUrl: string;
let tempRoot: string;

beforeAll(async () => {
  fake = await startFakeAnthropic({ expectedApiKey: SERVER_KEY });
  process.env.ANTHROPIC_API_KEY = SERVER_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  // The real sandbox routes and the native model-call path `npm start` uses, over HTTP.
  app = await startTestAppServer();
  appUrl = app.url;
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-agent-"));
});

afterAll(async () => {
  await app?.close();
  await fake?.stop();
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

describe("dist/omoi-agent.mjs", () => {
  it("runs with plain node from an empty folder: model calls through the proxy, tools in the workspace, events out", async () => {
    const bundleDir = path.join(tempRoot, "empty");
    fs.mkdirSync(bundleDir);
    const { outfile } = await buildAgentBundle(path.join(bundleDir, "omoi-agent.mjs"));
    // No node_modules beside it; the sandbox network host is built with it (it runs outside the sandbox).
    expect(fs.readdirSync(bundleDir).sort()).toEqual(["omoi-agent.mjs", "omoi-sandbox-net.mjs"]);
    fs.rmSync(path.join(bundleDir, "omoi-sandbox-net.mjs"));

    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `B-${Date.now()}`, number: 1, title: "t" } });
    const task = await db.task.create({ data: { ticketId: ticket.id, status: "running" } });
    const sandbox = await db.sandbox.create({ data: { purpose: "task", taskId: task.id, status: "running" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    const workspace = path.join(tempRoot, "workspace");
    fs.mkdirSync(workspace);

    fake.setScript([
      { content: [{ type: "tool_use", id: "toolu_w", name: "write_file", input: { path: "hello.txt", content: "hi\n" } }] },
      { content: [{ type: "tool_use", id: "toolu_env", name: "run_command", input: { command: "env" } }] },
      { content: [{ type: "tool_use", id: "toolu_done", name: "complete_task", input: { summary: "wrote hello.txt" } }] },
    ]);

    const child = spawn(process.execPath, [outfile, "agent"], {
      cwd: bundleDir,
      // The provider's contract: these variables and nothing else of the server's environment.
      env: {
        PATH: process.env.PATH!,
        OMOIOS_API_URL: appUrl,
        OMOIOS_SANDBOX_ID: sandbox.id,
        OMOIOS_SANDBOX_TOKEN: token,
        TASK_ID: task.id,
        EXECUTION_MODE: "implementation",
        WORKSPACE_PATH: workspace,
        MODEL: "claude-haiku-4-5",
        AGENT_PROMPT: "Write hello.txt, then finish.",
      } as Record<string, string> as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    // Nothing but the line saying how it ended (no warnings, no deprecation notices).
    expect(stderr).toBe("[omoi-agent] exiting with code 0\n");
    expect(code).toBe(0);

    expect(fs.readFileSync(path.join(workspace, "hello.txt"), "utf8")).toBe("hi\n");
    const events = await db.sandboxEvent.findMany({ where: { sandboxId: sandbox.id }, orderBy: { seq: "asc" }, select: { type: true, data: true } });

    // Every model call reached Anthropic with the server's key, never the sandbox token.
    const calls = fake.messageRequests();
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.apiKey === SERVER_KEY && call.stream)).toBe(true);
    // The command ran with a scrubbed environment: neither the sandbox token nor server secrets are in its output.
    const transcript = JSON.stringify(calls.at(-1)!.body.messages);
    expect(transcript).toContain("PATH=");
    expect(transcript).not.toContain(token);
    expect(transcript).not.toContain(SERVER_KEY);
    expect(JSON.stringify(events)).not.toContain(token);

    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["spec.heartbeat", "task.started", "agent.tool_use", "task.completed"]),
    );
    expect(events.find((e) => e.type === "task.completed")?.data).toEqual({ summary: "wrote hello.txt" });
    // The terminal event ended the sandbox.
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: sandbox.id } })).status).toBe("stopped");

    await settleLlmUsage();
    const usage = await db.llmUsage.findMany({ where: { sandboxId: sandbox.id } });
    expect(usage).toHaveLength(3);
    expect(usage.every((row) => row.taskId === task.id)).toBe(true);
    expect(Number((await db.task.findUniqueOrThrow({ where: { id: task.id } })).costUsd)).toBeGreaterThan(0);
  });
});
