import crypto from "node:crypto";
import { getAuthSecret, useSecureCookies } from "@/lib/auth/secret";

/** How long "Link GitHub" in settings waits for GitHub to send the person back. */
export const GITHUB_LINK_INTENT_SECONDS = 10 * 60;
/** Sent only to next-auth's GitHub callback, the one place that reads it. */
export const GITHUB_LINK_COOKIE_PATH = "/api/auth/callback/github";

export const githubLinkCookieName = () => (useSecureCookies() ? "__Secure-omoi.github-link" : "omoi.github-link");

const sign = (payload: string) =>
  crypto.createHmac("sha256", getAuthSecret()).update(`github-link:${payload}`).digest("base64url");

/** `<base64url {userId, expiresAt}>.<HMAC>`: only this server can make one, and it says whose and until when. */
export function encodeGithubLinkIntent(userId: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ userId, expiresAt: now + GITHUB_LINK_INTENT_SECONDS * 1000 })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The user id of a genuine, unexpired intent, or null. */
export function decodeGithubLinkIntent(value: string | undefined, now = Date.now()): string | null {
  const [payload, signature, ...rest] = (value ?? "").split(".");
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const { userId, expiresAt } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { userId?: unknown; expiresAt?: unknown };
    return typeof userId === "string" && typeof expiresAt === "number" && expiresAt > now ? userId : null;
  } catch {
    return null;
  }
}
