import type { Prisma } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/**
 * Whether a new account with this email would become the instance admin: the first account of the instance, or —
 * when OMOIOS_ADMIN_EMAIL is set — the account of that email while no instance admin exists.
 *
 * With `lock` (inside a transaction), the answer holds until the transaction ends: two first sign-ups at once must
 * not both become admin, so the check runs again under a transaction-scoped advisory lock and the second one waits,
 * then sees the first (each statement of a READ COMMITTED transaction sees what committed before it). Without it,
 * it is a cheap early answer (the locked check still decides).
 */
export async function canBecomeInstanceAdmin(
  client: Prisma.TransactionClient,
  email: string,
  { lock }: { lock: boolean },
): Promise<boolean> {
  const adminEmail = getEnv().OMOIOS_ADMIN_EMAIL;
  if (adminEmail && email !== adminEmail) return false;
  const isTaken = async () =>
    Boolean(await client.user.findFirst({ where: adminEmail ? { isInstanceAdmin: true } : {}, select: { id: true } }));
  if (await isTaken()) return false;
  if (!lock) return true;
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('omoi-first-account', 0))`;
  return !(await isTaken());
}
