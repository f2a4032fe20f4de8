import type { Prisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const spawnJobKey = (specId: string) => `spawn-spec:${specId}`;

/** Queues the spec's sandbox (deduplicated per spec), inside the caller's transaction. */
export async function startSpecRun(tx: Prisma.TransactionClient, specId: string, reason: string, runAt?: Date) {
  await enqueueJob("spawn_spec_sandbox", { specId, reason: reason.slice(0, 500) }, { jobKey: spawnJobKey(specId), runAt }, tx);
}
