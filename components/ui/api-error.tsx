import { ApiError } from "@/lib/http/api-client";
import { Alert } from "@/components/ui/alert";

/** Field errors of an API error (422, or a 409 that names a field); empty for anything else. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fields : {};
}

/** A message fit for people: the API's own message, or a generic one for network failures and bugs. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

/**
 * The form-level banner for a failed request. When every problem is already shown next to a field named in `shownFields`,
 * the banner would only repeat it, so it stays hidden.
 */
export function ApiErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: readonly string[] }) {
  if (!error) return null;
  const fields = Object.keys(fieldErrorsOf(error));
  if (fields.length > 0 && fields.every((field) => shownFields.includes(field))) return null;
  return <Alert>{errorMessage(error)}</Alert>;
}

/** Field errors of a failed client-side schema check, in the same shape the API uses, so both render the same way. */
export function issuesToFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) (fields[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return fields;
}
