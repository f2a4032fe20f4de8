import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/routes/auth-options";
import { parseCookies } from "@/lib/auth/read-session";
import { readGithubLinkIntent } from "@/lib/auth/read-github-link-intent";
import { withSignInOutcome } from "@/lib/auth/sign-in-outcome";
import { readGithubInviteIntent } from "@/lib/invitations/github-invite-intent";

// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out). GitHub's callback also learns whether the
// signed-in person asked to link GitHub from settings, or this browser chose to accept an invitation with GitHub.
async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const params = await context.params;
  const isGithubCallback = params.nextauth?.[0] === "callback" && params.nextauth?.[1] === "github";
  const cookies = parseCookies(req.headers.get("cookie"));
  const linkUserId = isGithubCallback ? await readGithubLinkIntent({ cookies }) : null;
  const invitationId = isGithubCallback && !linkUserId ? readGithubInviteIntent({ cookies }) : null;
  const options = getAuthOptions({ linkUserId, invitationId });
  const { result, outcome } = await withSignInOutcome(async () => (await NextAuth(req as never, { params } as never, options)) as Response);
  // A throttled sign-in from the app's form (JSON) is a 429 with Retry-After; the body stays next-auth's, so its
  // client still reads the message. A plain form post keeps next-auth's redirect to the sign-in page.
  if (outcome.retryAfterSeconds !== undefined && result.headers.get("content-type")?.includes("application/json")) {
    const headers = new Headers(result.headers);
    headers.set("retry-after", String(outcome.retryAfterSeconds));
    return new Response(result.body, { status: 429, headers });
  }
  return result;
}

export { handler as GET, handler as POST };
