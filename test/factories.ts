import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import type { CreateProjectInput } from "@/lib/projects/project-schemas";

export const uniqueSuffix = () => crypto.randomBytes(4).toString("hex");

export interface TestUser {
  id: string;
  email: string;
  password: string;
  orgId: string;
  /** A `cookie` header carrying a valid next-auth session for this user. */
  cookie: string;
}

export async function sessionCookieFor(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

/**
 * A signed-up user (with their personal organization) and a session cookie. An ordinary tenant unless
 * `instanceAdmin` says otherwise — whichever test happens to sign up first in a shared database would otherwise own
 * the server (lib/users/create-user.ts).
 */
export async function createTestUser(
  overrides: { name?: string; email?: string; password?: string; instanceAdmin?: boolean } = {},
): Promise<TestUser> {
  const password = overrides.password ?? "correct horse battery";
  const email = overrides.email ?? `user-${uniqueSuffix()}@example.test`;
  const user = await createUser({ name: overrides.name ?? "Test User", email, password });
  await db.user.update({ where: { id: user.id }, data: { isInstanceAdmin: overrides.instanceAdmin ?? false } });
  const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
  return { id: user.id, email, password, orgId: membership.orgId, cookie: await sessionCookieFor(user.id) };
}

export async function createTestApiKey(userId: string, scopes: ApiKeyScope[] = ["read", "write"]) {
  return createApiKey({ userId, input: { name: `key-${uniqueSuffix()}`, scopes } });
}

export async function createTestProject(userId: string, input: Partial<CreateProjectInput> = {}) {
  return createProject({ userId, input: { name: `project-${uniqueSuffix()}`, ...input } });
}
