/**
 * When a session was signed in, in ms. Our sign-ins stamp `authAt` (kept as the cookie is refreshed); a token
 * without it (minted elsewhere) falls back to its `iat`, which is whole seconds.
 */
export function sessionIssuedAtMs(token: Record<string, unknown>): number {
  if (typeof token.authAt === "number" && Number.isFinite(token.authAt)) return token.authAt;
  return typeof token.iat === "number" ? token.iat * 1000 : 0;
}

/** A session signed in before the user's last "sign out everywhere" (or password change) is over. */
export const isSessionRevoked = (issuedAtMs: number, sessionsRevokedAt: Date | null) =>
  sessionsRevokedAt !== null && issuedAtMs < sessionsRevokedAt.getTime();
