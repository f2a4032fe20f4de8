import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

/**
 * Failed sign-ins are counted per key in the database (not in memory), so the lock holds across restarts and
 * across every web process. After AUTH_MAX_FAILURES failures inside the lock window the key is locked.
 */
export async function assertSignInAllowed(key: string): Promise<void> {
  const row = await db.authThrottle.findUnique({ where: { key } });
  if (row?.lockedUntil && row.lockedUntil > new Date()) {
    const minutes = Math.ceil((row.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

export async function recordSignInFailure(key: string): Promise<void> {
  const { AUTH_MAX_FAILURES, AUTH_LOCK_MINUTES } = getEnv();
  const windowMs = AUTH_LOCK_MINUTES * 60_000;
  const now = new Date();
  // One statement, so concurrent failures cannot lose counts: a stale window restarts at 1.
  await db.$executeRaw`
    INSERT INTO "AuthThrottle" ("key", "failures", "firstFailureAt", "updatedAt")
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."firstFailureAt" < ${new Date(now.getTime() - windowMs)}
                        THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "firstFailureAt" = CASE WHEN "AuthThrottle"."firstFailureAt" < ${new Date(now.getTime() - windowMs)}
                        THEN ${now} ELSE "AuthThrottle"."firstFailureAt" END,
      "updatedAt" = ${now}`;
  await db.authThrottle.updateMany({
    where: { key, failures: { gte: AUTH_MAX_FAILURES } },
    data: { lockedUntil: new Date(now.getTime() + windowMs), failures: 0, firstFailureAt: now },
  });
}

export async function clearSignInFailures(key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}

export const signInThrottleKey = (email: string) => `email:${email.trim().toLowerCase()}`;
