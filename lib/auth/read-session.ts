import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { getAuthSecret, useSecureCookies } from "@/lib/auth/secret";
import { isSessionRevoked, sessionIssuedAtMs } from "@/lib/auth/session-issued-at";
import type { UserDto } from "@/lib/users/user-schemas";

// The one place the server reads a session: route handlers (lib/routes/with-auth.ts, through readSession), pages and
// layouts (app/read-page-session.ts, through readSessionCookies and readSessionUser), and next-auth's GitHub callback (readSessionCookies). All of them decode the cookie the
// same way and treat a revoked session the same way; nothing else calls getServerSession or reads the cookie.

export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // a cookie that is not URI-encoded is not ours
    }
  }
  return cookies;
}

/** The signed-in user of a next-auth session cookie and when they signed in (checked against revocations by callers). */
export interface SessionClaims {
  userId: string;
  issuedAtMs: number;
}

/** The claims of the next-auth session cookie among `cookies`, or null. Works outside Next (tests, worker). */
export async function readSessionCookies(cookies: Map<string, string>): Promise<SessionClaims | null> {
  if (cookies.size === 0) return null;
  const secure = useSecureCookies();
  const token = await getToken({
    // getToken reads `cookies` (a Map works) and would fall back to an Authorization bearer JWT: we pass no headers
    // so API keys are never mistaken for session tokens.
    req: { cookies, headers: {} } as never,
    secret: getAuthSecret(),
    secureCookie: secure,
    cookieName: secure ? "__Secure-next-auth.session-token" : "next-auth.session-token",
  });
  return typeof token?.sub === "string" ? { userId: token.sub, issuedAtMs: sessionIssuedAtMs(token) } : null;
}

/** The session claims of a plain Request, or null. */
export const readSession = (req: Request) => readSessionCookies(parseCookies(req.headers.get("cookie")));

/** The user id of the next-auth session cookie on a plain Request, or null (revocation is the caller's to check). */
export async function readSessionUserId(req: Request): Promise<string | null> {
  return (await readSession(req))?.userId ?? null;
}

/**
 * The user of a session, or null when the session no longer counts: its user is gone, or it was signed in before the
 * user's last "sign out everywhere" or password change (the cookie is still genuine, the session is over).
 */
export async function readSessionUser(claims: SessionClaims): Promise<UserDto | null> {
  const row = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, image: true, sessionsRevokedAt: true },
  });
  if (!row || isSessionRevoked(claims.issuedAtMs, row.sessionsRevokedAt)) return null;
  const { sessionsRevokedAt: _revokedAt, ...user } = row;
  return user;
}
