import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "@/lib/auth/password";
import { orgSlug } from "@/lib/orgs/org-slug";
import type { UserDto } from "@/lib/users/user-schemas";

export interface CreateUserOptions {
  email: string;
  name: string;
  /** Omitted for users who sign in only through GitHub. */
  password?: string;
  githubId?: string;
  image?: string | null;
}

/** Creates a user together with a personal organization they own, in one transaction. */
export async function createUser(options: CreateUserOptions): Promise<UserDto> {
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  const existing = await db.user.findUnique({ where: { email: options.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", "An account with this email already exists", { fields: { email: ["An account with this email already exists"] } });

  const orgName = `${options.name}'s workspace`;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: options.email,
        name: options.name,
        passwordHash,
        githubId: options.githubId ?? null,
        image: options.image ?? null,
      },
      select: { id: true, email: true, name: true, image: true },
    });
    await tx.organization.create({
      data: {
        name: orgName,
        slug: orgSlug(options.name),
        personal: true,
        memberships: { create: { userId: user.id, role: "owner" } },
      },
    });
    return user;
  });
}
