import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { runAgentLoop } from "@/lib/agent/run-agent-loop";
import type { SandboxEnv } from "@/lib/sandbox/sandbox-env";
import { defineTerminalTool } from "@/lib/agent/terminal-tool";
import { createWorkspaceToolset } from "@/lib/agent/workspace/create-workspace-toolset";
import { fetchSandboxContext } from "@/lib/agent/fetch-sandbox-context";
import { runSpecEngine } from "@/lib/agent/run-spec-engine";
import { runIntegrationTests } from "@/lib/agent/run-integration-tests";
import { runTaskWork } from "@/lib/agent/run-task-work";
import { createHttpEventReporter, type EventReporter } from "@/lib/events/event-reporter";
import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";

export interface RunSandboxAgentOptions {
  env: SandboxEnv;
  /** Stops the run (SIGTERM from the provider). */
  signal?: AbortSignal;
  /** For tests: report somewhere else than the app. */
  reporter?: EventReporter;
}

const SYSTEM_PROMPT = `You are a coding agent of OmoiOS working in a sandboxed copy of a project's repository.
Use the tools to inspect the workspace and, when allowed, change it. Be precise and make small, verifiable steps.
When the work is done, call complete_task with a short summary of what you did.`;

const completeTask = defineTerminalTool({
  name: "complete_task",
  description: "Call once the work is finished, with a short summary of what was done.",
  inputSchema: z.object({ summary: z.string().min(1).max(4000) }),
  handle: (input) => ({ accepted: true, result: input.summary }),
});

/**
 * The agent process of one sandbox: model calls go through the app's LLM proxy with the sandbox token (the
 * server's Anthropic key never comes here), events and heartbeats go to the app's events API.
 * Returns the process exit code.
 */
export async function runSandboxAgent({ env, signal: outerSignal, reporter: given }: RunSandboxAgentOptions): Promise<number> {
  // Stops on the provider's SIGTERM, and when the app refuses our token (the sandbox was ended or cancelled).
  const controller = new AbortController();
  outerSignal?.addEventListener("abort", () => controller.abort(), { once: true });
  const signal = controller.signal;
  const reporter =
    given ??
    createHttpEventReporter({
      apiUrl: env.OMOIOS_API_URL,
      sandboxId: env.OMOIOS_SANDBOX_ID,
      token: env.OMOIOS_SANDBOX_TOKEN,
      onRejected: () => controller.abort(),
    });
  const heartbeat = setInterval(
    () => reporter.emit("spec.heartbeat", env.SPEC_PHASE ? { phase: env.SPEC_PHASE } : {}),
    env.HEARTBEAT_SECONDS * 1000,
  );
  heartbeat.unref();
  const toolset = createWorkspaceToolset({ root: env.WORKSPACE_PATH, mode: env.EXECUTION_MODE });
  const client = new Anthropic({
    apiKey: env.OMOIOS_SANDBOX_TOKEN,
    baseURL: `${env.OMOIOS_API_URL.replace(/\/$/, "")}/api/v1/llm`,
    maxRetries: 4,
    defaultHeaders: env.SPEC_PHASE ? { "x-omoi-phase": env.SPEC_PHASE } : undefined,
  });

  try {
    reporter.emit("spec.heartbeat", env.SPEC_PHASE ? { phase: env.SPEC_PHASE } : {});
    const prompt = env.AGENT_PROMPT;
    if (!prompt) {
      let context: SandboxContext;
      try {
        context = await fetchSandboxContext({ apiUrl: env.OMOIOS_API_URL, sandboxId: env.OMOIOS_SANDBOX_ID, token: env.OMOIOS_SANDBOX_TOKEN }, { signal });
      } catch (error) {
        if (signal.aborted) return 143;
        reporter.emit("agent.error", { turn: 0, message: `could not load the sandbox's context: ${(error as Error).message}`, retrying: false });
        return 2;
      }
      if (context.sandbox.purpose === "integration") {
        const outcome = await runIntegrationTests({ context, workspacePath: env.WORKSPACE_PATH, reporter, signal });
        return outcome === "stopped" ? 143 : 0;
      }
      if (context.spec) {
        const outcome = await runSpecEngine({
          client,
          model: env.MODEL,
          context,
          startPhase: env.SPEC_PHASE ?? context.sandbox.startPhase ?? "explore",
          tools: toolset.tools,
          workspacePath: env.WORKSPACE_PATH,
          reporter,
          api: { apiUrl: env.OMOIOS_API_URL, sandboxId: env.OMOIOS_SANDBOX_ID, token: env.OMOIOS_SANDBOX_TOKEN },
          signal,
        });
        if (outcome.status === "stopped") return 143;
        return outcome.status === "failed" ? 1 : 0;
      }
      const outcome = await runTaskWork({
        client,
        model: env.MODEL,
        context,
        tools: toolset.tools,
        workspacePath: env.WORKSPACE_PATH,
        reporter,
        signal,
        maxTurns: env.MAX_TURNS,
        timeoutMs: env.TIMEOUT_SECONDS * 1000,
      });
      return outcome === "completed" ? 0 : outcome === "stopped" ? 143 : 1;
    }
    if (env.TASK_ID) reporter.emit("task.started", {});
    const result = await runAgentLoop({
      client,
      model: env.MODEL,
      system: SYSTEM_PROMPT,
      tools: toolset.tools,
      terminalTools: [completeTask],
      initialMessage: prompt,
      maxTurns: env.MAX_TURNS,
      timeoutMs: env.TIMEOUT_SECONDS * 1000,
      signal,
      onEvent: (event) => reporter.emit(event.type, event.data as never),
    });
    const done = result.status === "terminal_accepted" || result.status === "completed";
    if (signal.aborted) return 143; // ended from outside: whoever ended us reports it
    if (env.TASK_ID) {
      if (done) reporter.emit("task.completed", { summary: String(result.terminalResult ?? result.finalText ?? "").slice(0, 4000) });
      else reporter.emit("task.failed", { reason: result.error ?? `the agent stopped: ${result.status}` });
    }
    return done ? 0 : 1;
  } finally {
    clearInterval(heartbeat);
    await toolset.dispose();
    await reporter.close();
  }
}
