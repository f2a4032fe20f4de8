import { z } from "zod";

/**
 * What the agent loop reports while it runs, for the sandbox event timeline. Summaries and messages are bounded
 * and never carry file contents.
 */
export const agentEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("agent.tool_use"),
    turn: z.number().int(),
    toolUseId: z.string(),
    tool: z.string(),
    summary: z.string(),
  }),
  z.object({ type: z.literal("agent.message"), turn: z.number().int(), text: z.string() }),
  z.object({
    type: z.literal("agent.error"),
    turn: z.number().int(),
    message: z.string(),
    /** True when the loop will try again (a retried API error); false when the run ends with it. */
    retrying: z.boolean(),
  }),
]);

export type AgentEvent = z.infer<typeof agentEventSchema>;
