import { DaytonaError, DaytonaNotFoundError } from "@daytonaio/sdk";

/** An SDK failure, re-worded so that it names the operation and never carries a secret. */
export class DaytonaProviderError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = "DaytonaProviderError";
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof DaytonaNotFoundError || (err instanceof DaytonaError && err.statusCode === 404);
}

export function isConflict(err: unknown): boolean {
  return err instanceof DaytonaError && err.statusCode === 409;
}

/** Replaces every secret (and its URL-encoded form) in a text: SDK messages may echo a key or a clone URL. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[redacted]");
  }
  return out;
}

/** Any failure of `operation` as a DaytonaProviderError with the HTTP status kept and the secrets removed. */
export function wrapDaytonaError(operation: string, err: unknown, secrets: readonly string[]): DaytonaProviderError {
  if (err instanceof DaytonaProviderError) return err;
  const status = err instanceof DaytonaError ? err.statusCode : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const hint = status === 401 || status === 403 ? " (is the Daytona API key valid?)" : "";
  return new DaytonaProviderError(
    operation,
    redactSecrets(`daytona ${operation} failed${status ? ` (HTTP ${status})` : ""}: ${message}${hint}`, secrets),
    status,
  );
}
