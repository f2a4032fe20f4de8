import { connection } from "next/server";
import { getServerSession, type Session } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

/**
 * The signed-in session for a server component, or null. Declaring the render per-request first keeps `next build`
 * from trying to prerender the page, which would need the auth secret at build time.
 */
export async function getSession(): Promise<Session | null> {
  await connection();
  return getServerSession(getAuthOptions());
}
