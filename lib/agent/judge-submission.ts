import { z } from "zod";
import type { TerminalTool, TerminalVerdict } from "@/lib/agent/terminal-tool";

/**
 * A terminal tool's verdict on one submission. Input that fails the tool's schema is rejected with the schema's
 * feedback before the handler sees it, unless the tool judges raw input itself. A throwing handler throws here.
 */
export async function judgeSubmission<Result>(tool: TerminalTool<z.ZodType, Result>, input: unknown): Promise<TerminalVerdict<Result>> {
  if (tool.judgesRawInput) return tool.handle(input);
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) return { accepted: false, feedback: `Invalid input for ${tool.name}:\n${z.prettifyError(parsed.error)}` };
  return tool.handle(parsed.data);
}
