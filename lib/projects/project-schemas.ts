import { z } from "zod";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { membershipRoleSchema } from "@/lib/orgs/org-schemas";

/** Kanban columns, in board order (DESIGN §6): the one declaration (the status machine and the board import it). */
export const TICKET_STATUSES = ["backlog", "analyzing", "building", "testing", "review", "done"] as const;
export type TicketStatusName = (typeof TICKET_STATUSES)[number];
type Assert<T extends true> = T;
type Listed = TicketStatusName;
/** Fails the type-check when the schema's enum and this list differ. */
export type TicketStatusesMatchSchema = Assert<[TicketStatus] extends [Listed] ? ([Listed] extends [TicketStatus] ? true : false) : false>;

const GIT_URL = /^(https?:\/\/|ssh:\/\/|git:\/\/|file:\/\/)[^\s]+$|^[\w.-]+@[\w.-]+:[^\s]+$/;

/**
 * The shape of a repository: a git URL or an absolute local path, credentials never in the URL. Which of them a user
 * may use (https only, local paths for instance admins or under LOCAL_REPO_ROOTS) is the server's repository policy,
 * lib/repos/check-repo-url.ts, so its refusals can say why.
 */
export const repoUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => GIT_URL.test(value) || (value.startsWith("/") && !/[\n\r\0]/.test(value)), {
    message: "Use an https:// URL or an absolute local path",
  })
  .refine((value) => !/^(https?|ssh|git):\/\/[^/@\s]+:[^/@\s]+@/.test(value), {
    message: "Do not put credentials in the URL; configure a token instead",
  });

/** Branch names as git accepts them (the common subset of `git check-ref-format`). */
export const branchSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^(?!\/|.*\/\/|.*\.\.|.*@\{|.*\.lock$|.*\/$|-)[A-Za-z0-9._/-]+$/, "Not a valid branch name");

/**
 * How a spec ticket's accepted work reaches the spec branch: auto merges it once its tests pass; manual holds it in
 * the Review column until a person approves it. A project's default; a spec may choose otherwise at launch.
 */
export const REVIEW_MODES = ["auto", "manual"] as const;
export const reviewModeSchema = z.enum(REVIEW_MODES, { error: 'Choose "auto" or "manual"' });

const wipLimitsSchema = z
  .partialRecord(z.enum(TICKET_STATUSES), z.number().int().min(1).max(1000))
  .refine((limits) => Object.keys(limits).length <= TICKET_STATUSES.length);

const projectFields = {
  name: z.string().trim().min(1, "Name the project").max(100),
  description: z.string().trim().max(5000).nullish(),
  repoUrl: repoUrlSchema.nullish(),
  defaultBranch: branchSchema,
  testCommand: z.string().trim().max(1000).nullish(),
  approvalMode: z.enum(["auto", "manual"]),
  reviewMode: reviewModeSchema,
  autoExecuteTickets: z.boolean(),
  maxConcurrentTasks: z.number().int().min(1).max(50),
  budgetUsd: z.number().positive().max(1_000_000).nullish(),
  wipLimits: wipLimitsSchema.nullish(),
};

export const createProjectSchema = z.object({
  /** Organization to create it in; omitted → the caller's personal organization. */
  orgId: z.string().min(1).max(64).optional(),
  ...projectFields,
  defaultBranch: projectFields.defaultBranch.default("main"),
  approvalMode: projectFields.approvalMode.default("auto"),
  reviewMode: projectFields.reviewMode.default("auto"),
  autoExecuteTickets: projectFields.autoExecuteTickets.default(true),
  maxConcurrentTasks: projectFields.maxConcurrentTasks.default(3),
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;

export const updateProjectSchema = z
  .object(projectFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Send at least one field to change" });
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;

export const listProjectsQuerySchema = z.object({ orgId: z.string().min(1).max(64).optional() });

export const projectParamsSchema = z.object({ projectId: z.string().min(1).max(64) });

/**
 * The repository as the server last saw it: none (no repository), unchecked (never asked since it was set),
 * reachable (it answered with the default branch) or unreachable (`message` says why).
 */
export const repoHealthSchema = z.object({
  status: z.enum(["none", "unchecked", "reachable", "unreachable"]),
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type RepoHealthDto = z.infer<typeof repoHealthSchema>;

/** The project's latest finished agent run on a ticket: its work delivered (ok) or not (failed). */
export const lastDeliverySchema = z.object({
  status: z.enum(["ok", "failed"]),
  at: z.string(),
  ticketId: z.string(),
  ticketKey: z.string(),
});
export type LastDeliveryDto = z.infer<typeof lastDeliverySchema>;

export const projectSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  repoUrl: z.string().nullable(),
  /** Names of the organization's other projects on the same repository (their agents' branches meet there). */
  sharedRepoWith: z.array(z.string()),
  defaultBranch: z.string(),
  testCommand: z.string().nullable(),
  approvalMode: z.enum(["auto", "manual"]),
  reviewMode: z.enum(REVIEW_MODES),
  autoExecuteTickets: z.boolean(),
  maxConcurrentTasks: z.number(),
  budgetUsd: z.number().nullable(),
  wipLimits: z.record(z.string(), z.number()).nullable(),
  /** The caller's role in the project's organization, so the interface offers only what the server would allow. */
  viewerRole: membershipRoleSchema,
  repoHealth: repoHealthSchema,
  lastDelivery: lastDeliverySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectDto = z.infer<typeof projectSchema>;
