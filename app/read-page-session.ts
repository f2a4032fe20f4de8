import { cookies } from "next/headers";
import { connection } from "next/server";
import { readSessionCookies, readSessionUser } from "@/lib/auth/read-session";
import type { UserDto } from "@/lib/users/user-schemas";

/** The signed-in person of a page render: who they are now (from the database, not as the cookie remembers them). */
export interface PageSession {
  user: UserDto;
  issuedAtMs: number;
}

/**
 * The session of the request a server component (page, layout) renders, or null — also for a revoked session or a
 * gone user, as the API sees them (the same lib/auth/read-session.ts underneath). Declaring the render per-request
 * first keeps `next build` from trying to prerender the page, which would need the auth secret at build time. It
 * lives in app/ because it needs next/*, which lib/ never imports.
 */
export async function readPageSession(): Promise<PageSession | null> {
  await connection();
  const jar = await cookies();
  const claims = await readSessionCookies(new Map(jar.getAll().map((cookie) => [cookie.name, cookie.value])));
  if (!claims) return null;
  const user = await readSessionUser(claims);
  return user ? { user, issuedAtMs: claims.issuedAtMs } : null;
}
