import fs from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventPayloadSchema, type AgentEvent } from "@/lib/events/event-schemas";
import { findModelPricing } from "@/lib/core/pricing";
import { runAgentLoop, type RunAgentLoopOptions } from "@/lib/agent/run-agent-loop";
import { defineTerminalTool } from "@/lib/agent/terminal-tool";
import { createWorkspaceToolset, type WorkspaceToolset } from "@/lib/agent/workspace/create-workspace-toolset";
import { createTempGitRepo, type TempGitRepo } from "@/lib/agent/workspace/temp-git-repo.test-support";
import { startFakeAnthropic, type FakeAnthropic, type FakeScript, type FakeStep } from "@/test/fake-anthropic/fake-anthropic-server";

const MODEL = "claude-sonnet-5-5";
const GREET = 'export function greet(name: string) {\n  return "Hello, " + name;\n}\n';

const submitRequirements = defineTerminalTool({
  name: "submit_requirements",
  description: "Submit the final list of requirements.",
  inputSchema: z.object({ requirements: z.array(z.string()).min(1) }),
  handle: (input) =>
    input.requirements.length >= 2
      ? { accepted: true as const, result: { count: input.requirements.length } }
      : { accepted: false as const, feedback: "Need at least 2 requirements; you sent 1." },
});

let repo: TempGitRepo;
let toolset: WorkspaceToolset;
let fake: FakeAnthropic | undefined;

beforeAll(() => {
  repo = createTempGitRepo({ "src/greet.ts": GREET, "README.md": "# demo\n" });
  toolset = createWorkspaceToolset({ root: repo.root, mode: "implementation" });
});
afterAll(async () => {
  await toolset.dispose();
  repo.cleanup();
});
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const toolUse = (name: string, input: Record<string, unknown>, id: string, text?: string): FakeStep => ({
  content: [...(text ? [{ type: "text" as const, text }] : []), { type: "tool_use", id, name, input }],
});
const say = (text: string): FakeStep => ({ content: [{ type: "text", text }] });

async function run(script: FakeScript, overrides: Partial<RunAgentLoopOptions<{ count: number }>> = {}) {
  fake = await startFakeAnthropic({ script });
  const events: AgentEvent[] = [];
  const result = await runAgentLoop({
    client: new Anthropic({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0, logLevel: "off" }),
    model: MODEL,
    system: "You are a careful engineer.",
    tools: toolset.tools,
    terminalTools: [submitRequirements],
    initialMessage: "Change the greeting, then submit the requirements.",
    maxTurns: 10,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { result, events, requests: fake.messageRequests() };
}

const lastBlock = (body: any) => body.messages.at(-1).content.at(-1);

describe("runAgentLoop", () => {
  it("reads, edits and submits over several streamed turns, and adds up usage and cost", async () => {
    const { result, events, requests } = await run([
      toolUse("read_file", { path: "src/greet.ts" }, "toolu_read", "Let me look at the file."),
      toolUse("edit_file", { path: "src/greet.ts", old_string: '"Hello, "', new_string: '"Hi there, "' }, "toolu_edit"),
      toolUse("submit_requirements", { requirements: ["greets by name", "says hi there"] }, "toolu_submit"),
    ]);

    expect(result).toMatchObject({ status: "terminal_accepted", terminalTool: "submit_requirements", terminalResult: { count: 2 }, turns: 3 });
    expect(fs.readFileSync(path.join(repo.root, "src/greet.ts"), "utf8")).toContain('return "Hi there, " + name;');
    expect(requests).toHaveLength(3);
    expect(requests.every((request) => request.stream)).toBe(true);

    // The model saw the file, then the edit's confirmation, each answering its own tool_use.
    expect(requests[1]!.body.messages.at(-1).content).toEqual([
      expect.objectContaining({ type: "tool_result", tool_use_id: "toolu_read", content: expect.stringContaining('"Hello, " + name') }),
    ]);
    expect(lastBlock(requests[2]!.body)).toMatchObject({ tool_use_id: "toolu_edit", content: "Edited src/greet.ts: replaced 1 occurrence." });

    const reported = requests.map((request) => request.usage!);
    const sum = (field: keyof (typeof reported)[number]) => reported.reduce((total, usage) => total + usage[field], 0);
    expect(result.usage).toMatchObject({
      inputTokens: sum("input_tokens"),
      outputTokens: sum("output_tokens"),
      cacheReadTokens: sum("cache_read_input_tokens"),
      cacheWriteTokens: sum("cache_creation_input_tokens"),
    });
    const rates = findModelPricing(MODEL);
    const expectedCost =
      (sum("input_tokens") * rates.input +
        sum("output_tokens") * rates.output +
        sum("cache_read_input_tokens") * rates.cacheRead +
        sum("cache_creation_input_tokens") * rates.cacheWrite) /
      1e6;
    expect(result.usage.costUsd).toBeCloseTo(expectedCost, 12);
    // The breakpoints do their job: the second turn reads the first turn's prefix from the (simulated) cache.
    expect(reported[1]!.cache_read_input_tokens).toBeGreaterThan(0);

    expect(events).toContainEqual({ type: "agent.message", data: { turn: 1, text: "Let me look at the file." } });
    expect(events.filter((event) => event.type === "agent.tool_use")).toEqual([
      { type: "agent.tool_use", data: { turn: 1, toolUseId: "toolu_read", tool: "read_file", summary: "src/greet.ts" } },
      { type: "agent.tool_use", data: { turn: 2, toolUseId: "toolu_edit", tool: "edit_file", summary: "src/greet.ts" } },
      { type: "agent.tool_use", data: { turn: 3, toolUseId: "toolu_submit", tool: "submit_requirements", summary: "submission" } },
    ]);
    expect(JSON.stringify(events)).not.toContain("Hello, ");
    // What the loop emits is exactly what the events API will accept.
    for (const event of events) expect(eventPayloadSchema.safeParse(event).success).toBe(true);
  });

  it("marks the system prompt, the last tool and the latest user block for caching, and nothing else", async () => {
    const { requests } = await run([
      toolUse("list_dir", {}, "toolu_1"),
      toolUse("list_dir", { path: "src" }, "toolu_2"),
      say("Done."),
    ]);

    for (const { body } of requests) {
      expect(body.system).toEqual([{ type: "text", text: "You are a careful engineer.", cache_control: { type: "ephemeral" } }]);
      expect(body.tools.at(-1)).toMatchObject({ name: "submit_requirements", cache_control: { type: "ephemeral" } });
      expect(lastBlock(body).cache_control).toEqual({ type: "ephemeral" });
      expect(JSON.stringify(body).match(/"cache_control"/g)).toHaveLength(3);
    }
    expect(requests[2]!.body.messages).toHaveLength(5);
  });

  it("sends a rejected submission's feedback back as an error tool_result, then accepts the corrected one", async () => {
    const { result, requests } = await run([
      toolUse("submit_requirements", { requirements: [] }, "toolu_invalid"),
      toolUse("submit_requirements", { requirements: ["only one"] }, "toolu_rejected"),
      toolUse("submit_requirements", { requirements: ["one", "two"] }, "toolu_accepted"),
    ]);

    expect(result).toMatchObject({ status: "terminal_accepted", terminalResult: { count: 2 }, turns: 3 });
    expect(lastBlock(requests[1]!.body)).toMatchObject({
      type: "tool_result",
      tool_use_id: "toolu_invalid",
      is_error: true,
      content: expect.stringContaining("Invalid input for submit_requirements"),
    });
    expect(lastBlock(requests[2]!.body)).toMatchObject({
      type: "tool_result",
      tool_use_id: "toolu_rejected",
      is_error: true,
      content: "Need at least 2 requirements; you sent 1.",
    });
    // Same conversation: the third request still carries the first submission.
    expect(requests[2]!.body.messages).toHaveLength(5);
  });

  it("ends with status error once submissions were rejected maxRejections times", async () => {
    const { result, requests } = await run(
      [
        toolUse("submit_requirements", { requirements: ["a"] }, "toolu_1"),
        toolUse("submit_requirements", { requirements: ["b"] }, "toolu_2"),
        toolUse("submit_requirements", { requirements: ["c", "d"] }, "toolu_3"),
      ],
      { maxRejections: 2 },
    );
    expect(result).toMatchObject({ status: "error", turns: 2 });
    expect(result.error).toBe("submit_requirements was rejected 2 times; last feedback: Need at least 2 requirements; you sent 1.");
    expect(requests).toHaveLength(2);
  });

  it("recovers from a 529 and from a connection dropped mid-stream", async () => {
    const { result, events, requests } = await run([
      { error: 529 },
      { drop: true, content: [{ type: "text", text: "lost" }] },
      say("All done."),
    ]);

    expect(result).toMatchObject({ status: "completed", finalText: "All done.", turns: 1 });
    expect(requests.map((request) => request.status)).toEqual([529, 200, 200]);
    const retries = events.filter((event) => event.type === "agent.error");
    expect(retries).toHaveLength(2);
    expect(retries.every((event) => event.type === "agent.error" && event.data.retrying)).toBe(true);
  });

  it("ends with status error when the API refuses for good", async () => {
    const { result, events } = await run([{ error: 400, message: "max_tokens: too large" }]);
    expect(result).toMatchObject({ status: "error", turns: 0 });
    expect(result.error).toContain("max_tokens: too large");
    expect(events.at(-1)).toMatchObject({ type: "agent.error", data: { retrying: false } });
  });

  it("stops at maxTurns", async () => {
    const { result, requests } = await run((_request, index) => toolUse("list_dir", {}, `toolu_${index}`), { maxTurns: 3 });
    expect(result).toMatchObject({ status: "max_turns", turns: 3 });
    expect(requests).toHaveLength(3);
  });

  it("stops at the wall-clock limit", async () => {
    const started = Date.now();
    const { result } = await run([{ ...say("too late"), latencyMs: 3000 }], { timeoutMs: 200 });
    expect(result.status).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("answers every tool_use of a turn in one message, failures included", async () => {
    const { result, requests } = await run([
      {
        content: [
          { type: "tool_use", id: "toolu_bad_path", name: "read_file", input: { path: "../../etc/passwd" } },
          { type: "tool_use", id: "toolu_unknown", name: "delete_everything", input: {} },
          { type: "tool_use", id: "toolu_ok", name: "read_file", input: { path: "README.md" } },
        ],
      },
      say("Understood."),
    ]);

    expect(result.status).toBe("completed");
    const results = requests[1]!.body.messages.at(-1).content;
    expect(results.map((block: any) => [block.tool_use_id, block.is_error ?? false])).toEqual([
      ["toolu_bad_path", true],
      ["toolu_unknown", true],
      ["toolu_ok", false],
    ]);
    expect(results[0].content).toMatch(/Refused/);
    expect(results[1].content).toMatch(/Unknown tool "delete_everything"/);
  });

  it("truncates large tool results and replaces the oldest ones when the context cap is reached", async () => {
    fs.writeFileSync(path.join(repo.root, "big.txt"), "x".repeat(5000));
    const { result, requests } = await run(
      [
        toolUse("read_file", { path: "big.txt" }, "toolu_1"),
        toolUse("read_file", { path: "big.txt" }, "toolu_2"),
        toolUse("read_file", { path: "big.txt" }, "toolu_3"),
        say("Read it."),
      ],
      { maxToolResultChars: 200, maxContextChars: 450 },
    );

    expect(result.status).toBe("completed");
    const first = requests[1]!.body.messages[2].content[0].content as string;
    expect(first.length).toBeLessThanOrEqual(200);
    expect(first).toMatch(/truncated: showing the first 200 of \d+ characters/);
    // By the third request the oldest result has been replaced; the newest one is intact.
    expect(requests[2]!.body.messages[2].content[0].content).toBe("[truncated to save context]");
    expect(requests[2]!.body.messages[4].content[0].content).toMatch(/truncated: showing the first 200/);
  });
});
