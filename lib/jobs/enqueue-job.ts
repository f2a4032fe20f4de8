import { db, type Prisma } from "@/lib/db/client";
import type { JobName, JobPayload } from "@/lib/jobs/job-names";

export interface EnqueueOptions {
  /** Jobs with the same key are one job: enqueueing again replaces the pending one instead of adding another. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a graphile-worker job through its SQL API, inside the caller's transaction when given one — so a spec and
 * the job that runs it are committed together or not at all.
 */
export async function enqueueJob<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
  tx: Prisma.TransactionClient = db,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `SELECT graphile_worker.add_job($1::text, $2::json, run_at := $3::timestamptz, max_attempts := $4::int, job_key := $5::text)`,
    name,
    JSON.stringify(payload),
    options.runAt ?? null,
    options.maxAttempts ?? 5,
    options.jobKey ?? null,
  );
}
