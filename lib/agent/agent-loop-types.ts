import type Anthropic from "@anthropic-ai/sdk";
import type { z } from "zod";
import type { AgentEvent } from "@/lib/events/event-schemas";
import type { AgentTool } from "@/lib/agent/agent-tool";
import type { TerminalTool } from "@/lib/agent/terminal-tool";
import type { AgentUsage } from "@/lib/core/usage";

// The public contract of runAgentLoop (lib/agent/run-agent-loop.ts re-exports it): its options and its outcome.

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
