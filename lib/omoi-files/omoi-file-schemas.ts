import { z } from "zod";
import { designOutputSchema } from "@/lib/specs/phases/design-output";
import { REQUIREMENT_ID, requirementSchema } from "@/lib/specs/phases/requirements-output";
import { TASK_ID, specTaskSchema } from "@/lib/specs/phases/tasks-output";
import { createSpecSchema } from "@/lib/specs/spec-schemas";
import { createTicketSchema } from "@/lib/tickets/ticket-schemas";
import { TICKET_STATUSES } from "@/lib/tickets/ticket-status";
import { escapeControlChars } from "@/lib/omoi-files/escape-control-chars";
import { OMOI_PUSH_LIMITS } from "@/lib/omoi-files/omoi-push-limits";

/**
 * The `.omoi_os/` files as data. Each schema is the app's own (the phase outputs of lib/specs/phases, the ticket
 * and spec inputs) reshaped for files, so a file the CLI accepts is one the server and the spec engine accept.
 * Universal: zod and constants only, used by the CLI, the push route and tests.
 */

export const OMOI_DIR = ".omoi_os";
export const OMOI_FOLDERS = ["requirements", "designs", "tasks", "tickets"] as const;
export type OmoiFolder = (typeof OMOI_FOLDERS)[number];

/** A spec's key in files (`key:` in spec.md); the server keeps it as Spec.sourceKey. */
export const SPEC_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Ticket ids in files: TKT-001, or a pulled ticket's board key such as OMOI-12. */
export const TICKET_LOCAL_ID = /^[A-Z][A-Z0-9]{0,15}-\d{1,6}$/;
export const SPEC_TASK_STATUSES = ["pending", "in_progress", "completed", "failed"] as const;

/** `.omoi_os/config.yaml`. */
export const omoiConfigSchema = z.object({
  project: z.string().trim().min(1, "Name the project id (see the app's project page or `omoi specs list`)").max(64),
});
export type OmoiConfig = z.infer<typeof omoiConfigSchema>;

/** `.omoi_os/spec.md`: frontmatter key, title (and the server's id once pulled); the body is the description. */
export const specFileSchema = z.object({
  key: z.string().regex(SPEC_KEY, "a spec key is lowercase letters, digits and dashes, e.g. dark-mode"),
  title: z.string().trim().min(1).max(200),
  /** The server's id of the spec; written by `omoi sync pull`, optional when pushing. */
  id: z.string().min(1).max(64).optional(),
  /** The app asks for 10+ characters when a spec is typed in, but specs made from a ticket's title can be shorter. */
  description: z.string().trim().min(1).max(createSpecSchema.shape.description.maxLength ?? 20_000),
});
export type SpecFile = z.infer<typeof specFileSchema>;

/** `requirements/REQ-….md`: frontmatter; the body is the EARS sentence and `## Acceptance criteria`. */
export const requirementFileSchema = requirementSchema.omit({ dependencies: true }).extend({
  id: requirementSchema.shape.id.regex(REQUIREMENT_ID, "requirement ids look like REQ-<AREA>-<NNN>, e.g. REQ-AUTH-001"),
  condition: requirementSchema.shape.condition.default(""),
});
export type RequirementFile = z.infer<typeof requirementFileSchema>;

/** `designs/<spec key>.md`: one per spec; the body is the architecture (markdown). */
export const designFileSchema = designOutputSchema.extend({
  components: designOutputSchema.shape.components.default([]),
  dataModels: designOutputSchema.shape.dataModels.default([]),
  apiEndpoints: designOutputSchema.shape.apiEndpoints.default([]),
  errorHandling: designOutputSchema.shape.errorHandling.default([]),
  securityNotes: designOutputSchema.shape.securityNotes.default([]),
  testingStrategy: designOutputSchema.shape.testingStrategy.optional(),
});
export type DesignFile = z.infer<typeof designFileSchema>;

/** `tasks/TSK-….md`: frontmatter; the body is the description and `## Acceptance criteria`. */
export const taskFileSchema = specTaskSchema.extend({
  id: specTaskSchema.shape.id.regex(TASK_ID, "task ids look like TSK-<NNN>, e.g. TSK-001"),
  files: specTaskSchema.shape.files.default([]),
  /** Written by pull; the board and the agents change it, a push never does. */
  status: z.enum(SPEC_TASK_STATUSES).optional(),
});
export type TaskFile = z.infer<typeof taskFileSchema>;

/** A person in a file: a user id or an email address. */
const userRefSchema = z.string().trim().min(1).max(320);

/** `tickets/TKT-….md`: frontmatter; the body is the description. */
export const ticketFileSchema = z.object({
  id: z.string().regex(TICKET_LOCAL_ID, "ticket ids look like TKT-<NNN>, e.g. TKT-001"),
  title: createTicketSchema.shape.title,
  description: z.string().max(20_000).default(""),
  priority: createTicketSchema.shape.priority,
  /** The spec task this ticket carries out (TSK-…); needs spec.md. */
  task: z.string().regex(TASK_ID, "task ids look like TSK-<NNN>").optional(),
  /** Ids of tickets that must be done first. */
  dependsOn: z.array(z.string().regex(TICKET_LOCAL_ID, "ticket ids look like TKT-<NNN>")).max(50).default([]),
  /** Who owns it (user id or email of a member of the project's organization); default: the API key's user. */
  owner: userRefSchema.optional(),
  /** Who works on it (user id or email of a member); absent → unassigned. */
  assignee: userRefSchema.optional(),
  /** Written by pull; move cards on the board, a push never does. */
  status: z.enum(TICKET_STATUSES).optional(),
  /** The board key (OMOI-12), written by pull. */
  key: z.string().max(40).optional(),
});
export type TicketFile = z.infer<typeof ticketFileSchema>;

/**
 * Where an item came from, so the server's messages can name the file. Kept escaped: the server echoes it (plan
 * items) and a control character in a file name must not reach anyone's terminal or page raw.
 */
const fileRef = { file: z.string().max(OMOI_PUSH_LIMITS.fileName).transform(escapeControlChars).optional() };

/** POST /api/v1/projects/{projectId}/omoi-sync: the whole `.omoi_os/` folder as JSON. */
export const omoiPushSchema = z.object({
  /** Compute the plan (create/update/unchanged per item) and write nothing. */
  dryRun: z.boolean().default(false),
  spec: specFileSchema.extend(fileRef).nullable().default(null),
  requirements: z.array(requirementFileSchema.extend(fileRef)).max(OMOI_PUSH_LIMITS.requirements).default([]),
  design: designFileSchema.extend(fileRef).nullable().default(null),
  tasks: z.array(taskFileSchema.extend(fileRef)).max(OMOI_PUSH_LIMITS.tasks).default([]),
  tickets: z.array(ticketFileSchema.extend(fileRef)).max(OMOI_PUSH_LIMITS.tickets).default([]),
});
export type OmoiPushInput = z.infer<typeof omoiPushSchema>;
export type OmoiPushBody = z.input<typeof omoiPushSchema>;

export const omoiSnapshotQuerySchema = z.object({
  /** The spec by the server's id, or by its key in files; neither → the project's file tickets without a spec. */
  specId: z.string().min(1).max(64).optional(),
  specKey: z.string().regex(SPEC_KEY).optional(),
});

const userSchema = z.object({ id: z.string(), email: z.string() });

/** GET /api/v1/projects/{projectId}/omoi-sync: what the server holds, in the shape of the files (plus read-only facts). */
export const omoiSnapshotSchema = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  spec: specFileSchema.extend({ id: z.string(), generationStatus: z.string(), currentPhase: z.string() }).nullable(),
  requirements: z.array(requirementFileSchema.extend({ criteriaMet: z.array(z.boolean()) })),
  design: designFileSchema.nullable(),
  tasks: z.array(taskFileSchema),
  tickets: z.array(
    ticketFileSchema.extend({
      key: z.string(),
      status: z.enum(TICKET_STATUSES),
      /** The column the file id came from: null for a ticket made by the app (its id is then its key). */
      localId: z.string().nullable(),
      ownerUser: userSchema,
      assigneeUser: userSchema.nullable(),
    }),
  ),
});
export type OmoiSnapshot = z.infer<typeof omoiSnapshotSchema>;
export type SnapshotTicket = OmoiSnapshot["tickets"][number];

export const PLAN_ACTIONS = ["create", "update", "unchanged"] as const;
export const PLAN_KINDS = ["spec", "requirement", "design", "task", "ticket"] as const;

/** What a push does (or did) to each item; `changes` names the fields that differ. */
export const omoiPlanSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(PLAN_KINDS),
      id: z.string(),
      file: z.string().optional(),
      action: z.enum(PLAN_ACTIONS),
      changes: z.array(z.string()),
    }),
  ),
  /** On the server but not in the files: a push leaves them alone (delete them in the app). */
  serverOnly: z.array(z.object({ kind: z.enum(PLAN_KINDS), id: z.string() })),
  warnings: z.array(z.string()),
});
export type OmoiPlan = z.infer<typeof omoiPlanSchema>;
export type OmoiPlanItem = OmoiPlan["items"][number];

export const omoiPushResultSchema = z.object({
  dryRun: z.boolean(),
  plan: omoiPlanSchema,
  /** The spec the files are pushed to (null without spec.md); absent on a dry run that would create it. */
  specId: z.string().nullable(),
});
export type OmoiPushResult = z.infer<typeof omoiPushResultSchema>;
