import { setTimeout as sleep } from "node:timers/promises";
import type Anthropic from "@anthropic-ai/sdk";
import { APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { z } from "zod";
import type { AgentEvent } from "@/lib/events/event-schemas";
import type { AgentTool } from "@/lib/agent/agent-tool";
import { buildMessageRequest } from "@/lib/agent/build-message-request";
import { compactContext } from "@/lib/agent/compact-context";
import { executeTool } from "@/lib/agent/execute-tool";
import { isRetryableError } from "@/lib/agent/is-retryable-error";
import type { TerminalTool, TerminalVerdict } from "@/lib/agent/terminal-tool";
import { toAnthropicTool } from "@/lib/agent/to-anthropic-tool";
import { truncateToolResult } from "@/lib/agent/truncate-tool-result";
import { accumulateUsage, ZERO_USAGE, type AgentUsage } from "@/lib/core/usage";

export type AgentLoopStatus = "completed" | "terminal_accepted" | "max_turns" | "timeout" | "error";

export interface RetryPolicy {
  /** Model calls per turn, counting the first (default 4). Each call also gets the client's own maxRetries. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RunAgentLoopOptions<Result = unknown> {
  client: Anthropic;
  model: string;
  system: string;
  tools: readonly AgentTool[];
  /** Tools that end the run when their handler accepts the input (e.g. `submit_requirements`). */
  terminalTools?: readonly TerminalTool<z.ZodType, Result>[];
  initialMessage: string;
  /** Model calls allowed. */
  maxTurns: number;
  /** max_tokens of each model call. Default 32,000. */
  maxTokens?: number;
  /** Cancels the run; on abort the loop stops and answers `timeout`. */
  signal?: AbortSignal;
  /** Wall-clock limit in milliseconds, as an alternative or in addition to `signal`. */
  timeoutMs?: number;
  /** Characters of conversation kept before the oldest tool results are replaced by a note. Default 600,000 (~150k tokens). */
  maxContextChars?: number;
  /** Characters of one tool result. Default 30,000. */
  maxToolResultChars?: number;
  retry?: RetryPolicy;
  /** Rejected terminal submissions allowed before the run ends with `error` (a phase's "at most 3 attempts"). Default: no limit. */
  maxRejections?: number;
  onEvent?: (event: AgentEvent) => void;
  /** Each workspace tool's outcome (not terminal tools'): what counts as evidence of having looked (EXPLORE). */
  onToolResult?: (result: { tool: string; input: unknown; isError: boolean }) => void;
}

export interface AgentLoopResult<Result = unknown> {
  status: AgentLoopStatus;
  /** What the accepted terminal tool's handler returned. */
  terminalResult?: Result;
  terminalTool?: string;
  /** The model's last text. */
  finalText?: string;
  /** Model calls that got an answer. */
  turns: number;
  usage: AgentUsage;
  error?: string;
  /** The conversation, for transcripts and resumption. */
  messages: Anthropic.MessageParam[];
}

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

    const results: Anthropic.ToolResultBlockParam[] = [];
    let accepted: { tool: string; result: Result } | undefined;
    let lastFeedback: string | undefined;
    for (const use of toolUses) {
      const answer = (content: string, isError: boolean) =>
        results.push({ type: "tool_result", tool_use_id: use.id, content, ...(isError ? { is_error: true } : {}) });
      if (accepted) {
        answer(`Not run: ${accepted.tool} was accepted and the task has ended.`, false);
        continue;
      }
      if (signal.aborted) {
        answer("Not run: the agent run was stopped.", true);
        continue;
      }
      const terminal = terminalsByName.get(use.name);
      if (terminal) {
        emit({ type: "agent.tool_use", data: { turn: turns, toolUseId: use.id, tool: use.name, summary: "submission" } });
        let verdict: TerminalVerdict<Result>;
        try {
          verdict = await judge(terminal, use.input);
        } catch (error) {
          // Not the model's doing (the handler itself broke), so it ends the run instead of going back as feedback.
          return fail(`${use.name} could not check the submission: ${describeError(error)}`);
        }
        if (verdict.accepted) {
          accepted = { tool: use.name, result: verdict.result };
          answer("Accepted.", false);
        } else {
          rejections++;
          lastFeedback = `${use.name} was rejected ${rejections} time${rejections === 1 ? "" : "s"}; last feedback: ${verdict.feedback}`;
          answer(verdict.feedback, true);
        }
        continue;
      }
      const tool = toolsByName.get(use.name);
      emit({ type: "agent.tool_use", data: { turn: turns, toolUseId: use.id, tool: use.name, summary: summarize(tool, use.input) } });
      if (!tool) {
        answer(`Unknown tool "${use.name}". Available tools: ${names.join(", ")}.`, true);
        continue;
      }
      const outcome = await executeTool(tool, use.input, { signal });
      options.onToolResult?.({ tool: use.name, input: use.input, isError: Boolean(outcome.is_error) });
      answer(truncateToolResult(outcome.content, maxToolResultChars), outcome.is_error);
    }
    messages.push({ role: "user", content: results });
    if (accepted) return finish("terminal_accepted", { terminalTool: accepted.tool, terminalResult: accepted.result });
    if (lastFeedback && options.maxRejections !== undefined && rejections >= options.maxRejections) return fail(lastFeedback);
  }
  return finish("max_turns");
}

/** One streamed model call, retried with exponential backoff on errors that may pass (see isRetryableError). */
async function callModel(
  client: Anthropic,
  request: Anthropic.MessageCreateParamsNonStreaming,
  signal: AbortSignal,
  retry: RetryPolicy,
  onRetry: (message: string) => void,
): Promise<Anthropic.Message> {
  const attempts = Math.max(1, retry.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.messages.stream(request, { signal }).finalMessage();
    } catch (error) {
      if (signal.aborted || attempt >= attempts || !isRetryableError(error)) throw error;
      onRetry(`${describeError(error)} (attempt ${attempt} of ${attempts}, retrying)`);
      const delay = Math.min((retry.baseDelayMs ?? 2000) * 2 ** (attempt - 1), retry.maxDelayMs ?? 30_000);
      // Jitter, so that sandboxes throttled together do not retry together.
      await sleep(delay * (0.75 + Math.random() * 0.25), undefined, { signal });
    }
  }
}

async function judge<Result>(tool: TerminalTool<z.ZodType, Result>, input: unknown): Promise<TerminalVerdict<Result>> {
  if (tool.judgesRawInput) return tool.handle(input);
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) return { accepted: false, feedback: `Invalid input for ${tool.name}:\n${z.prettifyError(parsed.error)}` };
  return tool.handle(parsed.data);
}

/** The timeline summary of a call: the tool's own summary of valid input, never the raw input. */
function summarize(tool: AgentTool | undefined, input: unknown): string {
  if (!tool) return "unknown tool";
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) return "invalid input";
  try {
    return tool.summarize(parsed.data).slice(0, 200);
  } catch {
    return "";
  }
}

/**
 * The assistant's reply as request content for the next turn. Thinking blocks go back exactly as received (the
 * API checks their signatures); text citations are dropped, since they matter only for display.
 */
function toContentParams(content: Anthropic.ContentBlock[]): Anthropic.ContentBlockParam[] {
  const params = content.flatMap((block): Anthropic.ContentBlockParam[] => {
    switch (block.type) {
      case "text":
        return block.text ? [{ type: "text", text: block.text }] : [];
      case "tool_use":
        return [{ type: "tool_use", id: block.id, name: block.name, input: block.input }];
      case "thinking":
        return [{ type: "thinking", thinking: block.thinking, signature: block.signature }];
      case "redacted_thinking":
        return [{ type: "redacted_thinking", data: block.data }];
      default:
        return [block as unknown as Anthropic.ContentBlockParam];
    }
  });
  // The API refuses an assistant message without content in the middle of a conversation.
  return params.length > 0 ? params : [{ type: "text", text: "(no reply)" }];
}

function combineSignals(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal {
  const signals = [signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter(
    (candidate): candidate is AbortSignal => candidate !== undefined,
  );
  return signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
}

/**
 * A failure in words for the spec's or task's error. A refusal of the OmoiOS proxy (a spent budget, a model it does not
 * serve) reads as its code and message — "budget_exceeded: The spec's budget of $5.00 is spent ($5.0100 used)" —
 * rather than the SDK's "402 {json}"; the API's own errors keep their type the same way.
 */
function describeError(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) {
    const detail = (error.error as { error?: { code?: unknown; type?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof detail?.code === "string" ? detail.code : typeof detail?.type === "string" ? detail.type : undefined;
    if (code && typeof detail?.message === "string") return `${code}: ${detail.message} (HTTP ${error.status})`;
  }
  return error instanceof Error ? error.message : String(error);
}
