import type { Prisma } from "@/lib/db/client";

/**
 * The one definition of "a project this user may see": one of their organizations owns it. Every membership guard
 * (get<X>ForMemberOrThrow) and every list filters through it, so visibility cannot differ between a project, its
 * specs, tickets and sandboxes.
 */
export const projectsOfMember = (userId: string) => ({ org: { memberships: { some: { userId } } } }) satisfies Prisma.ProjectWhereInput;
