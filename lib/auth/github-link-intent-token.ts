import { decodeSignedIntent, encodeSignedIntent } from "@/lib/auth/signed-intent";
import { useSecureCookies } from "@/lib/auth/secret";

/** How long "Link GitHub" in settings (or "Join with GitHub" on an invitation) waits for GitHub to send the person back. */
export const GITHUB_LINK_INTENT_SECONDS = 10 * 60;
/** Sent only to next-auth's GitHub callback, the one place that reads it. */
export const GITHUB_LINK_COOKIE_PATH = "/api/auth/callback/github";

export const githubLinkCookieName = () => (useSecureCookies() ? "__Secure-omoi.github-link" : "omoi.github-link");

/** Only this server can make one, and it says whose and until when. */
export const encodeGithubLinkIntent = (userId: string, now = Date.now()) => encodeSignedIntent("github-link", userId, GITHUB_LINK_INTENT_SECONDS, now);

/** The user id of a genuine, unexpired intent, or null. */
export const decodeGithubLinkIntent = (value: string | undefined, now = Date.now()) => decodeSignedIntent("github-link", value, now);
