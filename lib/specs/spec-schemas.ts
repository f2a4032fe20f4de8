import { z } from "zod";
import { reviewModeSchema, type ProjectDto } from "@/lib/projects/project-schemas";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { APPROVAL_GATES, GATED_PHASES, SPEC_PHASES, type ExecutionStatus, type GenerationStatus, type SpecPhaseName } from "@/lib/core/spec-phases";

export { SPEC_PHASES, WORK_PHASES, type SpecPhaseName } from "@/lib/core/spec-phases";

export const specPhaseSchema = z.enum(SPEC_PHASES);

export const createSpecSchema = z.object({
  projectId: z.string().min(1),
  /** The idea, in the person's words. */
  description: z.string().trim().min(10, "Describe the idea in at least 10 characters").max(20_000),
  /** Defaults to the idea's first line. */
  title: z.string().trim().min(1).max(200).optional(),
  /** Defaults to the project's setting. */
  approvalMode: z.enum(["auto", "manual"]).optional(),
  /** Whether its tickets' accepted work waits in Review for a person (manual); defaults to the project's setting. */
  reviewMode: reviewModeSchema.optional(),
  /** Whether the spec's tickets run by themselves once created; defaults to the project's setting. */
  autoExecute: z.boolean().optional(),
});
export type CreateSpecInput = z.infer<typeof createSpecSchema>;

export const listSpecsQuerySchema = z.object({ projectId: z.string().min(1) });

export interface SpecDto {
  id: string;
  projectId: string;
  userId: string;
  title: string;
  description: string;
  generationStatus: GenerationStatus;
  currentPhase: SpecPhaseName;
  executionStatus: ExecutionStatus;
  approvalMode: "auto" | "manual";
  reviewMode: ProjectDto["reviewMode"];
  /** Number within the project (spec-<n> in its branch name); null until its tickets are made. */
  number: number | null;
  /** The spec branch every ticket's work is merged into; null until its tickets are made. */
  branch: string | null;
  /** The spec's one pull request (GitHub repositories), opened when its first ticket is integrated. */
  prUrl: string | null;
  progress: number;
  lastError: string | null;
  costUsd: number;
  tokensIn: number;
  tokensOut: number;
  respawnCount: number;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const specParamsSchema = z.object({ specId: z.string().min(1).max(64) });
/** GET /api/v1/specs/{specId}/phases/{phase}/revisions: only the phases an agent writes have revisions. */
export const specPhaseParamsSchema = specParamsSchema.extend({ phase: z.enum(GATED_PHASES) });

/**
 * What the spec page's one status line needs beyond the spec row, counted by the server from the database on every
 * read of the spec (GET /api/v1/specs/{specId}), so the line, the progress bars and the stepper tell one story.
 */
export interface SpecActivityDto {
  /**
   * The attempt the planning agent is on at the spec's current phase, counted as the agent counts it: from 1 in each
   * of the spec's sandboxes (a resumed or re-spawned agent starts again at 1); null while no attempt runs.
   */
  phaseAttempt: number | null;
  /** Rejected submissions of one phase after which the phase fails (lib/core/spec-phases.ts). */
  phaseMaxAttempts: number;
  /** Whether the spec's planning agent is at work: its generation runs (the sandbox may still be starting). */
  isPlanning: boolean;
  /** The spec's tickets and their agents (all zero before tickets exist). */
  build: {
    total: number;
    /** Tickets done — for a spec with a branch, only those whose work is merged into it (what completion counts). */
    integrated: number;
    byStatus: Partial<Record<TicketStatus, number>>;
    /** Tickets blocked after their task failed for good. */
    blocked: number;
    /** Tasks waiting for an agent (for the tickets they depend on, or a free slot in the project). */
    queued: number;
    /** Tasks whose agent works now. */
    running: number;
    /** Keys of the tickets whose accepted work waits for a reviewer (manual review). */
    inReview: string[];
    /** Keys of the tickets whose accepted work waits to be merged into the spec branch, oldest first. */
    awaitingMerge: string[];
    /** The ticket being merged into the spec branch now (its candidate's tests run); null when none. */
    merging: string | null;
  };
}

/** One passed output of a phase (the current one, or one a redo replaced): what the revisions view compares. */
export interface PhaseRevisionDto {
  id: string;
  attempt: number;
  /** passed: the phase's checkpoint now; superseded: replaced after request-changes. */
  status: "passed" | "superseded";
  score: number | null;
  /** The reviewer's feedback this attempt had to address (a redo), if any. */
  feedback: string | null;
  createdAt: string;
  output: unknown;
}

/** What POST /api/v1/specs/{specId}/stop stopped. */
export interface StoppedSpecAgentsDto {
  /** Whether the spec's planning was running and is now cancelled. */
  planning: boolean;
  /** The tickets whose queued or running task was cancelled (back in the backlog). */
  tickets: { ticketId: string; key: string; taskId: string; wasRunning: boolean }[];
  spec: SpecDto;
}

/** Spec.pendingFeedback: what a reviewer asked to change, kept until the phase is redone. */
export const pendingFeedbackSchema = z.object({ phase: specPhaseSchema, feedback: z.string().min(1).max(10_000) });

export const launchSpecSchema = z.object({
  projectId: z.string().min(1),
  prompt: z.string().trim().min(10, "Describe the idea in at least 10 characters").max(20_000),
  approvalMode: z.enum(["auto", "manual"]).optional(),
  reviewMode: reviewModeSchema.optional(),
  autoExecute: z.boolean().default(true),
});
export type LaunchSpecInput = z.infer<typeof launchSpecSchema>;

export const approveSpecSchema = z.object({ gate: z.enum(Object.keys(APPROVAL_GATES) as [keyof typeof APPROVAL_GATES]) });
export const requestChangesSchema = z.object({
  phase: z.enum(GATED_PHASES),
  feedback: z.string().trim().min(3, "Say what should change").max(10_000),
});
export const exportSpecQuerySchema = z.object({ format: z.enum(["markdown", "json"]).default("markdown") });
export const executeSpecTasksSchema = z.object({ specTaskIds: z.array(z.string().min(1).max(64)).min(1).max(500).optional() }).default({});

/** Whether the spec's events can still change: its agent or its tickets are at work (the UI polls while true). */
export const isSpecLive = (spec: Pick<SpecDto, "generationStatus" | "executionStatus">) =>
  spec.generationStatus === "running" || spec.executionStatus === "running";

/**
 * POST /api/v1/specs/launch, a deprecated alias of POST /api/v1/specs: its body (`prompt`; `autoExecute` on unless
 * said otherwise) read as the one create input, so the alias reaches the same service with nothing of its own.
 * Field errors keep the alias's names (`prompt`), as its clients know them.
 */
export const launchSpecAliasSchema = launchSpecSchema.transform(
  (input): CreateSpecInput => ({
    projectId: input.projectId,
    description: input.prompt,
    approvalMode: input.approvalMode,
    reviewMode: input.reviewMode,
    autoExecute: input.autoExecute,
  }),
);

/**
 * What POST /api/v1/specs answers (201), and its aliases with it: the spec, and the launch fields POST
 * /api/v1/specs/launch always answered with. `sandboxId` is the live sandbox if a worker already started one —
 * usually null this early (the spec page shows it once it runs).
 */
export interface LaunchedSpecDto {
  spec: SpecDto;
  specId: string;
  status: SpecDto["generationStatus"];
  currentPhase: SpecPhaseName;
  sandboxId: string | null;
}
