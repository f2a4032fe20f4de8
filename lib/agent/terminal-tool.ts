import type { z } from "zod";

export type TerminalVerdict<Result> = { accepted: true; result: Result } | { accepted: false; feedback: string };

/**
 * A tool that ends the agent loop when its handler accepts the input (e.g. `submit_requirements`). A rejection's
 * feedback goes back to the model as an error tool_result in the same conversation, so it can correct itself.
 */
export interface TerminalTool<Schema extends z.ZodType = z.ZodType, Result = unknown> {
  name: string;
  description: string;
  inputSchema: Schema;
  /**
   * When true the handler receives the model's input unparsed and judges it itself (a phase gate scores schema
   * validity like any other check and reports every attempt); `inputSchema` still tells the model the shape.
   */
  judgesRawInput?: boolean;
  handle(input: z.output<Schema>): Promise<TerminalVerdict<Result>> | TerminalVerdict<Result>;
}

export function defineTerminalTool<Schema extends z.ZodType, Result>(
  tool: TerminalTool<Schema, Result>,
): TerminalTool<Schema, Result> {
  return tool;
}
