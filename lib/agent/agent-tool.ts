import type { z } from "zod";

/**
 * A tool the agent can call. Each tool is defined once: its zod input schema validates the model's input and is
 * also the source of the JSON Schema the model sees (see toAnthropicTool), so the two cannot drift apart.
 */
export interface AgentTool<Schema extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  inputSchema: Schema;
  run(input: z.output<Schema>, context: ToolContext): Promise<string>;
  /** A one-line description of a call for the event timeline. Never file contents or other bulk input. */
  summarize(input: z.output<Schema>): string;
}

export interface ToolContext {
  /** Aborted when the agent run is cancelled or out of time; long-running tools stop on it. */
  signal?: AbortSignal;
}

/** What goes back to the model as a tool_result. */
export interface ToolOutcome {
  content: string;
  is_error: boolean;
}

/** A failure the model caused and can fix (bad path, ambiguous edit…). Its message is written for the model. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

export function defineTool<Schema extends z.ZodType>(tool: AgentTool<Schema>): AgentTool<Schema> {
  return tool;
}
