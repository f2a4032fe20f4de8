import { db } from "@/lib/db/client";

/**
 * "Sign out everywhere": every session signed in until now is refused from now on (JWT sessions cannot be deleted,
 * so they are compared with this instant; lib/auth/assert-session-current.ts, lib/routes/with-auth.ts). API keys are
 * not sessions and stay valid; revoke them apart.
 */
export async function revokeSessions({ userId }: { userId: string }): Promise<{ sessionsRevokedAt: string }> {
  const { sessionsRevokedAt } = await db.user.update({
    where: { id: userId },
    data: { sessionsRevokedAt: new Date() },
    select: { sessionsRevokedAt: true },
  });
  return { sessionsRevokedAt: sessionsRevokedAt!.toISOString() };
}
