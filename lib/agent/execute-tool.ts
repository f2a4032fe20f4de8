import { z } from "zod";
import { ToolError, type AgentTool, type ToolContext, type ToolOutcome } from "@/lib/agent/agent-tool";

/**
 * Runs one tool call and always answers with a tool_result outcome: invalid input, a ToolError and an unexpected
 * failure all become `is_error` results, because a throw here would end the whole agent run over one bad call.
 */
export async function executeTool(tool: AgentTool, rawInput: unknown, context: ToolContext = {}): Promise<ToolOutcome> {
  const parsed = tool.inputSchema.safeParse(rawInput);
  if (!parsed.success) {
    return { is_error: true, content: `Invalid input for ${tool.name}:\n${z.prettifyError(parsed.error)}` };
  }
  try {
    return { is_error: false, content: await tool.run(parsed.data, context) };
  } catch (error) {
    if (error instanceof ToolError) return { is_error: true, content: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { is_error: true, content: `${tool.name} failed: ${message}` };
  }
}
