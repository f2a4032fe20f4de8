import { db, type Prisma } from "@/lib/db/client";
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

/**
 * Creates a user together with a personal organization they own, in one transaction. The first account of an
 * instance becomes its instance admin (it set the server up: `npm start` on a laptop, then sign up), so its local
 * repositories keep working without any configuration.
 */
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
        isInstanceAdmin: await isFirstAccount(tx),
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

/**
 * Whether no account exists yet. Two first sign-ups at once must not both become admin: the check runs under a
 * transaction-scoped advisory lock, so the second one waits and then sees the first (each statement of a READ
 * COMMITTED transaction sees what committed before it). Once any account exists no lock is taken.
 */
async function isFirstAccount(tx: Prisma.TransactionClient): Promise<boolean> {
  if (await tx.user.findFirst({ select: { id: true } })) return false;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('omoi-first-account', 0))`;
  return !(await tx.user.findFirst({ select: { id: true } }));
}
