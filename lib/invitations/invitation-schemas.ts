import { z } from "zod";
import { membershipRoleSchema } from "@/lib/orgs/org-schemas";
import { emailSchema, passwordSchema } from "@/lib/users/user-schemas";

/** How long an invitation link works unless its creator says otherwise, and at most. */
export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 30;

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: membershipRoleSchema.default("member"),
  expiresInDays: z.number().int().min(1).max(INVITATION_MAX_DAYS).default(INVITATION_DEFAULT_DAYS),
});
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  email: z.string(),
  role: membershipRoleSchema,
  /** Open invitations only: used and withdrawn ones are not listed. */
  status: z.enum(["pending", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
  invitedByName: z.string().nullable(),
});
export type InvitationDto = z.infer<typeof invitationSchema>;

/** Only the create response carries the link (and its token), once: only a hash is stored. */
export const createdInvitationSchema = invitationSchema.extend({ token: z.string(), url: z.string() });
export type CreatedInvitationDto = z.infer<typeof createdInvitationSchema>;

export const acceptInvitationSchema = z.object({
  token: z.string().trim().min(1, "The invitation link is incomplete").max(200),
  /** For someone new: their account is created with the invitation's email. */
  name: z.string().trim().min(1, "Enter your name").max(100).optional(),
  password: passwordSchema.optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** "Join with GitHub" on an invitation page: the link's token, nothing else. */
export const githubInviteIntentSchema = acceptInvitationSchema.pick({ token: true });
export type GithubInviteIntentInput = z.infer<typeof githubInviteIntentSchema>;

export const acceptedInvitationSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  role: membershipRoleSchema,
  /** True when the invitation created the account (the client then signs in with its password). */
  isNewAccount: z.boolean(),
  email: z.string(),
});
export type AcceptedInvitationDto = z.infer<typeof acceptedInvitationSchema>;

/** What the invitation page shows before anything is accepted. */
export const invitationPreviewSchema = z.object({
  status: z.enum(["pending", "expired", "accepted", "revoked"]),
  orgName: z.string(),
  email: z.string(),
  role: membershipRoleSchema,
  invitedByName: z.string().nullable(),
  /** Whether an account with the invited email exists (then the person signs in to accept). */
  hasAccount: z.boolean(),
});
export type InvitationPreviewDto = z.infer<typeof invitationPreviewSchema>;

export const invitationParamsSchema = z.object({ orgId: z.string().min(1).max(64), invitationId: z.string().min(1).max(64) });
