import { z } from "zod";
import { isLostConnection } from "@/lib/http/is-lost-connection";

/** Every error code the API can answer with, and its HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  budget_exceeded: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
  /** No ANTHROPIC_API_KEY on the server: the UI says so instead of failing later. */
  model_not_configured: 503,
  /** The LLM proxy's policy (LLM_ALLOWED_MODELS, LLM_ALLOWED_BETAS, no server tools): refused, never retried. */
  model_not_allowed: 403,
  beta_not_allowed: 403,
  tool_not_allowed: 403,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error body shape of the API: `{ error: { code, message, details? } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Field errors of a 422, keyed by dotted path ("" for the body itself). */
export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  /** For `rate_limited` (and a busy `service_unavailable`): sent as the `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, details?: unknown, options: AppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Response headers an error answer carries besides its body (Retry-After). */
export function errorHeaders(error: AppError): Record<string, string> {
  return error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export const validationError = (error: z.ZodError, what = "request body") =>
  new AppError("validation_failed", `Invalid ${what}`, { fields: zodFieldErrors(error) });

/** Prisma's known request errors we map to client errors; matched by code so lib/http needs no Prisma import. */
function prismaErrorToAppError(error: unknown): AppError | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  if (code === "P2025") return new AppError("not_found", "Not found");
  if (code === "P2002") return new AppError("conflict", "A record with these values already exists");
  if (code === "P2003") return new AppError("conflict", "A related record does not exist or is still referenced");
  return undefined;
}

/** Turns anything thrown into an AppError; unknown errors become `internal` and keep no internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  // A database restart or network blip: the caller should simply try again shortly (agents and the CLI do).
  if (isLostConnection(error)) return new AppError("service_unavailable", "The database is unavailable; try again shortly", undefined, { retryAfterSeconds: 2 });
  return prismaErrorToAppError(error) ?? new AppError("internal", "Something went wrong");
}

export function errorBody(error: AppError, requestId?: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      ...(requestId ? { requestId } : {}),
    },
  };
}
