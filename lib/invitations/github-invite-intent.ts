import { decodeSignedIntent, encodeSignedIntent } from "@/lib/auth/signed-intent";
import { useSecureCookies } from "@/lib/auth/secret";
import { GITHUB_LINK_COOKIE_PATH, GITHUB_LINK_INTENT_SECONDS } from "@/lib/auth/github-link-intent-token";

const PURPOSE = "github-invite";

export const githubInviteCookieName = () => (useSecureCookies() ? "__Secure-omoi.github-invite" : "omoi.github-invite");

/** The Set-Cookie line: for ten minutes, this browser's GitHub sign-in accepts the invitation (callback path only). */
export function githubInviteCookie(invitationId: string): string {
  const attributes = [`Path=${GITHUB_LINK_COOKIE_PATH}`, `Max-Age=${GITHUB_LINK_INTENT_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (useSecureCookies()) attributes.push("Secure");
  return [`${githubInviteCookieName()}=${encodeSignedIntent(PURPOSE, invitationId, GITHUB_LINK_INTENT_SECONDS)}`, ...attributes].join("; ");
}

/** The invitation a GitHub callback is to accept, from a genuine unexpired cookie, or null. */
export function readGithubInviteIntent({ cookies }: { cookies: Map<string, string> }): string | null {
  return decodeSignedIntent(PURPOSE, cookies.get(githubInviteCookieName()));
}
