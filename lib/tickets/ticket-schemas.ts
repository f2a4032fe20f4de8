import { z } from "zod";
import { TICKET_STATUSES } from "@/lib/tickets/ticket-status";

const priority = z.enum(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
const status = z.enum(TICKET_STATUSES);

export const createTicketSchema = z.object({
  projectId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).optional(),
  priority: priority.default("MEDIUM"),
  /**
   * quick: one ticket an agent executes directly. spec_driven: deprecated alias of POST /api/v1/specs — the idea
   * becomes a spec first (no ticket); the answer carries Deprecation and successor Link headers.
   */
  workflowMode: z.enum(["quick", "spec_driven"]).default("quick"),
});
export type CreateTicketInput = z.infer<typeof createTicketSchema>;

export const listTicketsQuerySchema = z.object({
  projectId: z.string().min(1),
  status: status.optional(),
  specId: z.string().min(1).optional(),
  /** "me", "unassigned" or a user id. */
  assignee: z.string().min(1).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const updateTicketSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(20_000),
    priority,
    assigneeId: z.string().min(1).nullable(),
    status,
    isBlocked: z.boolean(),
    blockedReason: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "Send at least one field to change");
export type UpdateTicketInput = z.infer<typeof updateTicketSchema>;

/** POST /api/v1/tickets/{ticketId}/reopen: a done ticket back to the backlog, and on request a new run of its agent. */
export const reopenTicketSchema = z
  .object({
    /** Queue a new run at once (a new attempt; the done run's record stays). */
    run: z.boolean().default(false),
    /** What the new run should do differently; in its agent's prompt. Only with `run`. */
    reason: z.string().trim().max(4000).optional(),
  })
  .refine((value) => value.run || !value.reason, { path: ["reason"], message: "A reason goes to the new run's agent: send it with run: true" })
  .default({ run: false });
export type ReopenTicketInput = z.infer<typeof reopenTicketSchema>;

export const ticketParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export const boardViewQuerySchema = z.object({
  projectId: z.string().min(1),
  scope: z
    .string()
    .regex(/^(all|mine|unassigned|spec:[\w-]{1,64})$/, "all, mine, unassigned or spec:<id>")
    .default("all"),
});

export const boardMoveSchema = z.object({
  ticketId: z.string().min(1),
  toStatus: status,
  /** Place it just before this ticket of the target column; absent → at the end. */
  beforeTicketId: z.string().min(1).nullable().optional(),
  /** Move past the column's WIP limit anyway. */
  force: z.boolean().default(false),
});
export type BoardMoveInput = z.infer<typeof boardMoveSchema>;

export interface TicketDto {
  id: string;
  projectId: string;
  key: string;
  number: number;
  title: string;
  description: string;
  status: (typeof TICKET_STATUSES)[number];
  isBlocked: boolean;
  blockedReason: string | null;
  priority: z.infer<typeof priority>;
  position: number;
  userId: string;
  assigneeId: string | null;
  specId: string | null;
  specTaskId: string | null;
  dependencyCount: number;
  /** An agent is working on it right now. */
  running: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The command page's Quick mode: one prompt becomes one ticket an agent executes directly. */
export const quickTaskSchema = z.object({
  projectId: z.string().min(1),
  prompt: z.string().trim().min(3, "Say what the agent should do").max(20_000),
});
export type QuickTaskInput = z.infer<typeof quickTaskSchema>;

const QUICK_TITLE_MAX = 120;

/**
 * A Quick-mode prompt as POST /api/v1/tickets takes it: its first line (markdown heading marks dropped) is the title,
 * the whole prompt the description, so nothing typed is lost. Shared so the command page sends what
 * lib/tickets/create-quick-task.ts makes of the same prompt. Expects a prompt that passed quickTaskSchema.
 */
export function quickTaskTicketInput(input: QuickTaskInput): CreateTicketInput {
  const firstLine = (input.prompt.split("\n").find((line) => line.trim()) ?? input.prompt).trim().replace(/^#+\s*/, "");
  const title = firstLine.length > QUICK_TITLE_MAX ? `${firstLine.slice(0, QUICK_TITLE_MAX - 1)}…` : firstLine;
  return { projectId: input.projectId, title, description: input.prompt, priority: "MEDIUM", workflowMode: "quick" };
}
