import type { MembershipRoleName } from "@/lib/orgs/org-schemas";

export const ROLE_LABELS: Record<MembershipRoleName, string> = { owner: "Owner", admin: "Admin", member: "Member" };
