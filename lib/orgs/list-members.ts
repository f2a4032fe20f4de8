import { db } from "@/lib/db/client";
import { getMembershipOrThrow } from "@/lib/orgs/get-membership-or-throw";
import type { MemberDto } from "@/lib/orgs/org-schemas";

export async function listMembers({ userId, orgId }: { userId: string; orgId: string }): Promise<MemberDto[]> {
  await getMembershipOrThrow({ userId, orgId });
  const rows = await db.membership.findMany({
    where: { orgId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  }));
}
