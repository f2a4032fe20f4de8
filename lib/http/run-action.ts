import { errorBody, type ErrorBody } from "@/lib/http/errors";
import { appErrorFor, newRequestId } from "@/lib/http/respond";

/**
 * What a server action returns: its data, or the same error as the REST API would answer with (code, message,
 * field details, status). Actions cannot throw typed errors across the network, so they return them.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: ErrorBody["error"] };

/** Runs a server action's service call with the API's error mapping (zod → 422, Prisma codes, hidden 500s). */
export async function runAction<T>(name: string, fn: () => Promise<T>): Promise<ActionResult<T>> {
  const requestId = newRequestId();
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    const appError = appErrorFor(error, requestId, { action: name });
    return { ok: false, status: appError.status, error: errorBody(appError, requestId).error };
  }
}
