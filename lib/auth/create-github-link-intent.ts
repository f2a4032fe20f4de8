import { isGithubAuthEnabled } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import {
  encodeGithubLinkIntent,
  GITHUB_LINK_COOKIE_PATH,
  GITHUB_LINK_INTENT_SECONDS,
  githubLinkCookieName,
} from "@/lib/auth/github-link-intent-token";
import { useSecureCookies } from "@/lib/auth/secret";

/**
 * "Link GitHub" from settings: the Set-Cookie line that tells next-auth's GitHub callback, for the next ten minutes,
 * that the GitHub account coming back is to be attached to this signed-in user (lib/auth/read-github-link-intent.ts).
 * The browser then starts an ordinary GitHub sign-in.
 */
export function createGithubLinkIntent({ userId }: { userId: string }): { setCookie: string } {
  if (!isGithubAuthEnabled()) throw new AppError("conflict", "GitHub sign-in is not configured on this server");
  const attributes = [`Path=${GITHUB_LINK_COOKIE_PATH}`, `Max-Age=${GITHUB_LINK_INTENT_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (useSecureCookies()) attributes.push("Secure");
  return { setCookie: [`${githubLinkCookieName()}=${encodeGithubLinkIntent(userId)}`, ...attributes].join("; ") };
}
