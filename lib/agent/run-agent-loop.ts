import type Anthropic from "@anthropic-ai/sdk";
import { APIUserAbortError } from "@anthropic-ai/sdk";
import type { AgentEvent } from "@/lib/events/event-schemas";
import type { AgentTool } from "@/lib/agent/agent-tool";
import type { AgentLoopResult, AgentLoopStatus, RunAgentLoopOptions } from "@/lib/agent/agent-loop-types";
import { buildMessageRequest } from "@/lib/agent/build-message-request";
import { callModel } from "@/lib/agent/call-model";
import { combineSignals } from "@/lib/agent/combine-signals";
import { compactContext } from "@/lib/agent/compact-context";
import { describeError } from "@/lib/agent/describe-error";
import { runToolCalls, type ToolCallContext } from "@/lib/agent/run-tool-calls";
import { toAnthropicTool } from "@/lib/agent/to-anthropic-tool";
import { toContentParams } from "@/lib/agent/to-content-params";
import { accumulateUsage, ZERO_USAGE } from "@/lib/core/usage";

// The loop's options and outcome live in agent-loop-types.ts; importers keep taking them from here.
export type { AgentLoopResult, AgentLoopStatus, RetryPolicy, RunAgentLoopOptions } from "@/lib/agent/agent-loop-types";

const EVENT_TEXT_LIMIT = 10_000;

/**
 * Runs Claude with tools until it is done: it ends its turn without calling a tool (`completed`), a terminal tool
 * accepts its submission (`terminal_accepted`), it runs out of turns (`max_turns`) or time (`timeout`), or a model
 * call fails for good (`error`). Every tool_use of a turn is run, in order, and answered in one user message.
 * Tool failures go back to the model as error results; only a failure of the API or of a terminal tool's handler
 * ends the run early. Calls are streamed, so long outputs cannot hit the non-streaming request timeout.
 */
export async function runAgentLoop<Result = unknown>(options: RunAgentLoopOptions<Result>): Promise<AgentLoopResult<Result>> {
  const signal = combineSignals(options.signal, options.timeoutMs);
  const terminalTools = options.terminalTools ?? [];
  const toolsByName = new Map<string, AgentTool>(options.tools.map((tool) => [tool.name, tool]));
  const terminalsByName = new Map(terminalTools.map((tool) => [tool.name, tool]));
  const names = [...options.tools, ...terminalTools].map((tool) => tool.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`Two tools are named ${duplicate}`);
  const definitions = [...options.tools, ...terminalTools].map(toAnthropicTool);
  const maxToolResultChars = options.maxToolResultChars ?? 30_000;

  const emit = (event: AgentEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing listener must not end the run.
    }
  };
  const toolCalls: ToolCallContext<Result> = {
    toolsByName,
    terminalsByName,
    names,
    maxToolResultChars,
    signal,
    emit,
    onToolResult: options.onToolResult,
  };
  const messages: Anthropic.MessageParam[] = [{ role: "user", content: [{ type: "text", text: options.initialMessage }] }];
  let usage = ZERO_USAGE;
  let turns = 0;
  let rejections = 0;
  let finalText: string | undefined;
  const finish = (status: AgentLoopStatus, extra: Partial<AgentLoopResult<Result>> = {}): AgentLoopResult<Result> => ({
    status,
    turns,
    usage,
    messages,
    ...(finalText === undefined ? {} : { finalText }),
    ...extra,
  });
  const fail = (error: string) => {
    emit({ type: "agent.error", data: { turn: turns, message: error, retrying: false } });
    return finish("error", { error });
  };

  while (turns < options.maxTurns) {
    if (signal.aborted) return finish("timeout");
    compactContext(messages, options.maxContextChars ?? 600_000);
    const request = buildMessageRequest({
      model: options.model,
      system: options.system,
      tools: definitions,
      messages,
      maxTokens: options.maxTokens ?? 32_000,
    });

    let response: Anthropic.Message;
    try {
      response = await callModel(options.client, request, signal, options.retry ?? {}, (message) =>
        emit({ type: "agent.error", data: { turn: turns + 1, message: message.slice(0, 4000), retrying: true } }),
      );
    } catch (error) {
      if (signal.aborted || error instanceof APIUserAbortError) return finish("timeout");
      return fail(describeError(error));
    }
    turns++;
    usage = accumulateUsage(usage, options.model, response.usage);
    messages.push({ role: "assistant", content: toContentParams(response.content) });
    const text = response.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n").trim();
    if (text) {
      finalText = text;
      emit({ type: "agent.message", data: { turn: turns, text: text.slice(0, EVENT_TEXT_LIMIT) } });
    }

    const toolUses = response.content.filter((block): block is Anthropic.ToolUseBlock => block.type === "tool_use");
    if (response.stop_reason === "max_tokens") {
      // The reply was cut off, possibly inside a tool call's input: run none of it and let the model resend.
      messages.push({
        role: "user",
        content:
          toolUses.length > 0
            ? toolUses.map((use) => ({
                type: "tool_result" as const,
                tool_use_id: use.id,
                is_error: true,
                content:
                  "Not run: your reply hit the max_tokens limit, so this call may be incomplete. Send it again with less " +
                  "content (for example, split a large file into several edit_file calls).",
              }))
            : [{ type: "text" as const, text: "Your reply was cut off by the max_tokens limit. Continue where it stopped." }],
      });
      continue;
    }
    if (toolUses.length === 0) {
      if (response.stop_reason === "refusal") return fail("The model declined to continue (stop_reason: refusal).");
      if (response.stop_reason === "model_context_window_exceeded") return fail("The conversation no longer fits the model's context window.");
      return finish("completed");
    }

    const outcome = await runToolCalls(toolUses, turns, rejections, toolCalls);
    // A broken terminal handler ends the run at once, without its turn's tool_results.
    if ("failure" in outcome) return fail(outcome.failure);
    rejections = outcome.rejections;
    messages.push({ role: "user", content: outcome.results });
    const { accepted, lastFeedback } = outcome;
    if (accepted) return finish("terminal_accepted", { terminalTool: accepted.tool, terminalResult: accepted.result });
    if (lastFeedback && options.maxRejections !== undefined && rejections >= options.maxRejections) return fail(lastFeedback);
  }
  return finish("max_turns");
}
