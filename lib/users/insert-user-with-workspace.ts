import type { Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getEnv } from "@/lib/env";
import { orgSlug } from "@/lib/users/org-slug";
import { canBecomeInstanceAdmin } from "@/lib/users/can-become-instance-admin";
import type { UserDto } from "@/lib/users/user-schemas";

export interface InsertUserWithWorkspaceOptions {
  email: string;
  name: string;
  passwordHash: string | null;
  githubId?: string | null;
  image?: string | null;
  /** The email is known to be the person's (GitHub's verified primary email, an accepted invitation to it). */
  isEmailVerified?: boolean;
  /** Refuse with this error unless the account becomes the instance admin (sign-up while SIGNUP is not open). */
  refusalUnlessInstanceAdmin?: AppError;
}

/**
 * Writes a user and the personal organization they own, inside the caller's transaction (sign-up, GitHub sign-in
 * and accepting an invitation each add their own steps to it). The first account becomes the instance admin.
 */
export async function insertUserWithWorkspace(tx: Prisma.TransactionClient, options: InsertUserWithWorkspaceOptions): Promise<UserDto> {
  const isInstanceAdmin = await canBecomeInstanceAdmin(tx, options.email, { lock: true });
  if (options.refusalUnlessInstanceAdmin && !isInstanceAdmin) throw options.refusalUnlessInstanceAdmin;
  // The operator vouched for OMOIOS_ADMIN_EMAIL; the first account without it is as unverified as any sign-up.
  const isAdminEmail = isInstanceAdmin && options.email === getEnv().OMOIOS_ADMIN_EMAIL;
  const user = await tx.user.create({
    data: {
      email: options.email,
      name: options.name,
      passwordHash: options.passwordHash,
      githubId: options.githubId ?? null,
      image: options.image ?? null,
      isInstanceAdmin,
      emailVerifiedAt: options.isEmailVerified || isAdminEmail ? new Date() : null,
    },
    select: { id: true, email: true, name: true, image: true },
  });
  await tx.organization.create({
    data: {
      name: `${options.name}'s workspace`,
      slug: orgSlug(options.name),
      personal: true,
      memberships: { create: { userId: user.id, role: "owner" } },
    },
  });
  return user;
}
