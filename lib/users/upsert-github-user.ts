import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import type { UserDto } from "@/lib/users/user-schemas";

export interface UpsertGithubUserOptions {
  githubId: string;
  email: string;
  name: string;
  image: string | null;
}

/**
 * Finds the user of a GitHub account, linking it to an existing account with the same (GitHub-verified primary)
 * email, or creates a new user with a personal organization.
 */
export async function upsertGithubUser(options: UpsertGithubUserOptions): Promise<UserDto> {
  const select = { id: true, email: true, name: true, image: true } as const;
  const byGithub = await db.user.findUnique({ where: { githubId: options.githubId }, select });
  if (byGithub) return byGithub;
  const byEmail = await db.user.findUnique({ where: { email: options.email }, select });
  if (byEmail) return db.user.update({ where: { id: byEmail.id }, data: { githubId: options.githubId }, select });
  return createUser(options);
}
