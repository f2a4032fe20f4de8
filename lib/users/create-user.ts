import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "@/lib/users/password";
import { insertUserWithWorkspace } from "@/lib/users/insert-user-with-workspace";
import type { UserDto } from "@/lib/users/user-schemas";

export interface CreateUserOptions {
  email: string;
  name: string;
  /** Omitted for users who sign in only through GitHub. */
  password?: string;
  githubId?: string;
  image?: string | null;
  /** The email is known to be the person's (GitHub's verified primary email). */
  isEmailVerified?: boolean;
  /** Refuse with this error unless the account becomes the instance admin (sign-up while SIGNUP is not open). */
  refusalUnlessInstanceAdmin?: AppError;
}

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists";

/**
 * Creates a user together with a personal organization they own, in one transaction. The first account of an
 * instance becomes its instance admin (it set the server up: `npm start` on a laptop, then sign up), so its local
 * repositories keep working without any configuration. Who may sign up at all is decided by the callers
 * (lib/users/sign-up-user.ts, lib/invitations/sign-in-with-github.ts).
 */
export async function createUser(options: CreateUserOptions): Promise<UserDto> {
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  const existing = await db.user.findUnique({ where: { email: options.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", EMAIL_TAKEN_MESSAGE, { fields: { email: [EMAIL_TAKEN_MESSAGE] } });
  return db.$transaction((tx) => insertUserWithWorkspace(tx, { ...options, passwordHash }));
}
