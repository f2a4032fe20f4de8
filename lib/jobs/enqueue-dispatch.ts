import { db, type Prisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

/**
 * Asks a worker to look for runnable tasks now (new tickets, a finished dependency, a freed slot, a Run press).
 * One pending dispatch job at a time is enough: it claims everything runnable when it runs.
 */
export async function enqueueDispatch(tx: Prisma.TransactionClient = db) {
  await enqueueJob("dispatch_tasks", {}, { jobKey: "dispatch-tasks", maxAttempts: 3 }, tx);
}
