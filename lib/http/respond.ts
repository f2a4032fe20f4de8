import crypto from "node:crypto";
import { AppError, errorBody, errorHeaders, toAppError } from "@/lib/http/errors";
import { log } from "@/lib/log";

export const json = (data: unknown, status = 200, headers?: HeadersInit) =>
  Response.json(data, { status, headers: { "cache-control": "no-store", ...headers } });

export const noContent = () => new Response(null, { status: 204 });

export const newRequestId = () => crypto.randomBytes(8).toString("hex");

/** The AppError to answer with; an unexpected error is logged here (with `where`) and never leaked. */
export function appErrorFor(error: unknown, requestId: string, where: Record<string, unknown>): AppError {
  const appError = toAppError(error);
  if (appError.code === "internal" && !(error instanceof AppError)) {
    log.error("unhandled error", { requestId, ...where, error });
  } else if (appError.code === "service_unavailable" && !(error instanceof AppError)) {
    log.warn("database unavailable", { requestId, ...where, error: (error as Error).message });
  }
  return appError;
}

/** Maps anything thrown by a route handler to the API's error body. */
export function errorResponse(error: unknown, requestId: string, req?: Request): Response {
  const appError = appErrorFor(error, requestId, { method: req?.method, path: req ? new URL(req.url).pathname : undefined });
  return json(errorBody(appError, requestId), appError.status, { "x-request-id": requestId, ...errorHeaders(appError) });
}
