import { z } from "zod";
import { GATED_PHASES, GENERATION_STATUSES } from "@/lib/core/spec-phases";
import { specPhaseSchema } from "@/lib/specs/spec-schemas";

/**
 * What `GET /api/v1/sandboxes/{id}/context` returns: everything an agent needs to start or resume. The agent
 * parses the response with this same schema.
 */
export const sandboxContextSchema = z.object({
  sandbox: z.object({ id: z.string(), purpose: z.enum(["spec", "task", "integration"]), startPhase: specPhaseSchema.nullable() }),
  project: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    repoUrl: z.string().nullable(),
    defaultBranch: z.string(),
    testCommand: z.string().nullable(),
  }),
  spec: z
    .object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      approvalMode: z.enum(["auto", "manual"]),
      generationStatus: z.string(),
      currentPhase: specPhaseSchema,
      /** The latest passed output of each phase done so far: the checkpoints a resumed run continues from. */
      checkpoints: z.array(z.object({ phase: specPhaseSchema, attempt: z.number().int(), score: z.number().nullable(), output: z.unknown() })),
      /** A reviewer's request-changes feedback for the phase being redone. */
      feedback: z.object({ phase: specPhaseSchema, feedback: z.string() }).nullable(),
    })
    .nullable(),
  task: z
    .object({
      id: z.string(),
      kind: z.enum(["implement", "quick"]),
      attempt: z.number().int(),
      ticket: z.object({ id: z.string(), key: z.string(), title: z.string(), description: z.string().nullable(), priority: z.string() }),
      /** The branch to work on, named by the server: omoi/<project namespace>/<ticket key>. */
      branch: z.string(),
      /** What must hold when done: the spec's criteria (with ids, so verdicts mark them) and the task's own. */
      criteria: z.array(z.object({ id: z.string().nullable(), text: z.string() })),
      /**
       * A spec ticket's spec branch (omoi/<project namespace>/spec-<n>): the workspace is cloned at its head, the work
       * must build on it, and the server merges the work into it. Null for a quick ticket (it builds on the default branch).
       */
      specBranch: z.string().nullable().default(null),
      /** True when an earlier attempt delivered work on the ticket's branch: this attempt continues from it. */
      resume: z.boolean().default(false),
      /** Why the work was sent back (merge conflicts, failing integrated tests, review comments), for this attempt. */
      feedback: z.string().nullable().default(null),
    })
    .nullable(),
});
export type SandboxContext = z.infer<typeof sandboxContextSchema>;

/** Answer of the checkpoint PUT: where the spec goes next (`awaiting_approval` → the agent stops here). */
export const checkpointResultSchema = z.object({
  phaseRunId: z.string(),
  phase: specPhaseSchema,
  nextPhase: specPhaseSchema,
  generationStatus: z.enum(GENERATION_STATUSES),
});
export type CheckpointResult = z.infer<typeof checkpointResultSchema>;

/** Body of `PUT /api/v1/sandboxes/{id}/phases/{phase}`: a phase output that passed its gate. */
export const checkpointSchema = z.object({
  attempt: z.number().int().min(1).max(10),
  score: z.number().min(0).max(1),
  subScores: z
    .record(z.string().max(64), z.number())
    .refine((scores) => Object.keys(scores).length <= 50, "at most 50 sub-scores")
    .default({}),
  issues: z.array(z.string().max(2000)).max(200).default([]),
  warnings: z.array(z.string().max(2000)).max(200).default([]),
  output: z.record(z.string(), z.unknown()),
  durationMs: z.number().int().min(0).optional(),
});
export type CheckpointInput = z.infer<typeof checkpointSchema>;

export const sandboxParamsSchema = z.object({ id: z.string().min(1).max(64) });
/** Only gated phases have checkpoints: SYNC is the server's own work, done when TASKS is stored. */
export const phaseParamsSchema = sandboxParamsSchema.extend({ phase: z.enum(GATED_PHASES) });
