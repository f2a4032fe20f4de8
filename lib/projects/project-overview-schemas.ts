import { z } from "zod";
import { EXECUTION_STATUSES, GENERATION_STATUSES, SPEC_PHASES } from "@/lib/core/spec-phases";
import { projectSchema, TICKET_STATUSES } from "@/lib/projects/project-schemas";

/** Most specs and activity entries an overview lists (newest first); the specs page has them all. */
export const OVERVIEW_SPEC_LIMIT = 20;
export const OVERVIEW_ACTIVITY_LIMIT = 15;

export const overviewSpecSchema = z.object({
  id: z.string(),
  title: z.string(),
  generationStatus: z.enum(GENERATION_STATUSES),
  executionStatus: z.enum(EXECUTION_STATUSES),
  currentPhase: z.enum(SPEC_PHASES),
  approvalMode: z.enum(["auto", "manual"]),
  progress: z.number(),
  costUsd: z.number(),
  updatedAt: z.string(),
});

/** One event of the project's specs and tickets, with what it belongs to (for its link). */
export const overviewActivitySchema = z.object({
  seq: z.number(),
  type: z.string(),
  source: z.enum(["agent", "worker", "system"]),
  sandboxId: z.string().nullable(),
  taskId: z.string().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
  specId: z.string().nullable(),
  specTitle: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketKey: z.string().nullable(),
});

export const projectOverviewSchema = z.object({
  project: projectSchema,
  specs: z.array(overviewSpecSchema),
  specCount: z.number(),
  /** Tickets per board column (every column present), blocked ones among them, and the total. */
  tickets: z.object({
    byStatus: z.record(z.enum(TICKET_STATUSES), z.number()),
    blocked: z.number(),
    total: z.number(),
  }),
  activity: z.array(overviewActivitySchema),
  /** USD: the specs' costs (their tickets' agents included) and the quick tickets' agents. */
  cost: z.object({ totalUsd: z.number(), specsUsd: z.number(), quickTicketsUsd: z.number() }),
  /** Something runs (a spec or a ticket's agent): the page polls while it does. */
  isActive: z.boolean(),
});
export type ProjectOverviewDto = z.infer<typeof projectOverviewSchema>;
export type OverviewActivityDto = z.infer<typeof overviewActivitySchema>;
