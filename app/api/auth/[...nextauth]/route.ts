import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { parseCookies } from "@/lib/auth/read-session";
import { readGithubLinkIntent } from "@/lib/auth/read-github-link-intent";

// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out). GitHub's callback also learns whether the
// signed-in person asked to link GitHub from settings.
async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const params = await context.params;
  const isGithubCallback = params.nextauth?.[0] === "callback" && params.nextauth?.[1] === "github";
  const linkUserId = isGithubCallback ? await readGithubLinkIntent({ cookies: parseCookies(req.headers.get("cookie")) }) : null;
  return NextAuth(req as never, { params } as never, getAuthOptions({ linkUserId }));
}

export { handler as GET, handler as POST };
