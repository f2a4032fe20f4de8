import { db } from "@/lib/db/client";

/** Called when a sandbox ends: its token stops working at once. */
export async function revokeSandboxToken({ sandboxId }: { sandboxId: string }) {
  await db.sandbox.updateMany({ where: { id: sandboxId, tokenRevokedAt: null }, data: { tokenRevokedAt: new Date() } });
}
