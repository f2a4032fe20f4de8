import type Anthropic from "@anthropic-ai/sdk";
import type { z } from "zod";
import type { AgentEvent } from "@/lib/events/event-schemas";
import type { AgentTool } from "@/lib/agent/agent-tool";
import type { RunAgentLoopOptions } from "@/lib/agent/agent-loop-types";
import { describeError } from "@/lib/agent/describe-error";
import { executeTool } from "@/lib/agent/execute-tool";
import { judgeSubmission } from "@/lib/agent/judge-submission";
import type { TerminalTool, TerminalVerdict } from "@/lib/agent/terminal-tool";
import { truncateToolResult } from "@/lib/agent/truncate-tool-result";

/** What one turn's tool calls need of the run; built once per run by runAgentLoop. */
export interface ToolCallContext<Result> {
  toolsByName: ReadonlyMap<string, AgentTool>;
  terminalsByName: ReadonlyMap<string, TerminalTool<z.ZodType, Result>>;
  /** Every tool's name, workspace and terminal, for the answer to an unknown one. */
  names: readonly string[];
  maxToolResultChars: number;
  signal: AbortSignal;
  emit: (event: AgentEvent) => void;
  onToolResult: RunAgentLoopOptions<Result>["onToolResult"];
}

/**
 * A turn's tool calls, answered: the tool_results for the next user message, the accepted submission if any, and
 * the run's rejection count so far. `failure` instead when a terminal tool's handler broke, which ends the run.
 */
export type ToolCallsOutcome<Result> =
  | { failure: string }
  | {
      results: Anthropic.ToolResultBlockParam[];
      accepted: { tool: string; result: Result } | undefined;
      lastFeedback: string | undefined;
      rejections: number;
    };

/**
 * Runs every tool_use of a turn, in order, answering each with one tool_result. Tool failures go back to the model as
 * error results; once a terminal tool accepts, the calls after it are answered but not run.
 */
export async function runToolCalls<Result>(
  toolUses: readonly Anthropic.ToolUseBlock[],
  turn: number,
  rejectionsSoFar: number,
  context: ToolCallContext<Result>,
): Promise<ToolCallsOutcome<Result>> {
  const { toolsByName, terminalsByName, names, maxToolResultChars, signal, emit } = context;
  const results: Anthropic.ToolResultBlockParam[] = [];
  let rejections = rejectionsSoFar;
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
      emit({ type: "agent.tool_use", data: { turn, toolUseId: use.id, tool: use.name, summary: "submission" } });
      let verdict: TerminalVerdict<Result>;
      try {
        verdict = await judgeSubmission(terminal, use.input);
      } catch (error) {
        // Not the model's doing (the handler itself broke), so it ends the run instead of going back as feedback.
        return { failure: `${use.name} could not check the submission: ${describeError(error)}` };
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
    emit({ type: "agent.tool_use", data: { turn, toolUseId: use.id, tool: use.name, summary: summarize(tool, use.input) } });
    if (!tool) {
      answer(`Unknown tool "${use.name}". Available tools: ${names.join(", ")}.`, true);
      continue;
    }
    const outcome = await executeTool(tool, use.input, { signal });
    context.onToolResult?.({ tool: use.name, input: use.input, isError: Boolean(outcome.is_error) });
    answer(truncateToolResult(outcome.content, maxToolResultChars), outcome.is_error);
  }
  return { results, accepted, lastFeedback, rejections };
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
