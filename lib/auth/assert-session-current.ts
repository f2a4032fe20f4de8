import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { isSessionRevoked } from "@/lib/auth/session-issued-at";

/**
 * Throws `unauthorized` for a session whose user is gone or that was signed in before the user's last "sign out
 * everywhere" or password change. next-auth's jwt callback runs it on every session read, so a revoked cookie stops
 * working at once (JWT sessions are otherwise valid until they expire, 30 days).
 */
export async function assertSessionCurrent({ userId, issuedAtMs }: { userId: string; issuedAtMs: number }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionsRevokedAt: true } });
  if (!user || isSessionRevoked(issuedAtMs, user.sessionsRevokedAt)) {
    throw new AppError("unauthorized", "Your session has ended; sign in again");
  }
}
