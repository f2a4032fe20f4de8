import type { JobHelpers, Task } from "graphile-worker";
import { z } from "zod";
import { toAppError } from "@/lib/http/errors";
import { RETRYABLE_STATUS } from "@/lib/http/fetch-with-retry";
import { log } from "@/lib/log";

/**
 * Whether retrying a failed job cannot help: a payload that fails its schema, or an error that maps to a 4xx other
 * than 408/429 (validation_failed, not_found, forbidden, conflict… — the same line lib/http/fetch-with-retry draws
 * for HTTP answers). Anything else — a lost database connection, a network error, an unknown bug (internal, 500) —
 * counts as transient.
 */
export function isPermanentJobFailure(error: unknown): boolean {
  const { status } = toAppError(error);
  return status >= 400 && status < 500 && !RETRYABLE_STATUS.has(status);
}

/**
 * Wraps a graphile-worker task: parses its payload with `schema`, runs `handler`, and splits failures. A permanent
 * one is logged (task, job id, reason) and the job completes, because graphile-worker would otherwise retry it
 * with backoff up to max_attempts and fail the same way each time; a transient one is rethrown so it does retry.
 * Nothing else is recorded: the services that can fail permanently already write their own outcome (a sandbox's
 * error, a task's status) where one matters.
 */
export function runJob<S extends z.ZodType>(schema: S, handler: (payload: z.output<S>, helpers: JobHelpers) => Promise<unknown>): Task {
  return async (raw, helpers) => {
    try {
      await handler(schema.parse(raw), helpers);
    } catch (error) {
      if (!isPermanentJobFailure(error)) throw error;
      log.warn("job failed permanently; not retrying it", {
        task: helpers.job.task_identifier,
        jobId: helpers.job.id,
        attempt: helpers.job.attempts,
        reason: describeFailure(error),
      });
    }
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof z.ZodError) {
    return `invalid payload: ${error.issues.map((issue) => `${issue.path.map(String).join(".") || "(payload)"}: ${issue.message}`).join("; ")}`;
  }
  const appError = toAppError(error);
  // toAppError keeps an AppError's message; for a Prisma error it has a generic one, so the original says more.
  return `${appError.code}: ${error instanceof Error ? error.message : appError.message}`.slice(0, 2000);
}
