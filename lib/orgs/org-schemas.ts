import { z } from "zod";
import { emailSchema } from "@/lib/users/user-schemas";

export const MEMBERSHIP_ROLES = ["owner", "admin", "member"] as const;
export const membershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export type MembershipRoleName = z.infer<typeof membershipRoleSchema>;

/** Roles that administer an organization and its projects (members, settings that spend or run, deletion). */
export const ADMIN_ROLES = ["owner", "admin"] as const satisfies readonly MembershipRoleName[];
export const isAdminRole = (role: MembershipRoleName) => (ADMIN_ROLES as readonly MembershipRoleName[]).includes(role);

export const createOrganizationSchema = z.object({
  name: z.string().trim().min(1, "Name the organization").max(100),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const addMemberSchema = z.object({
  email: emailSchema,
  role: membershipRoleSchema.default("member"),
});
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const updateMemberSchema = z.object({ role: membershipRoleSchema });
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: membershipRoleSchema,
  createdAt: z.string(),
});
export type OrganizationDto = z.infer<typeof organizationSchema>;

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: membershipRoleSchema,
  joinedAt: z.string(),
});
export type MemberDto = z.infer<typeof memberSchema>;

export const orgParamsSchema = z.object({ orgId: z.string().min(1).max(64) });
export const memberParamsSchema = orgParamsSchema.extend({ userId: z.string().min(1).max(64) });
