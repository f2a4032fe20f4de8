import { AppError } from "@/lib/http/errors";
import type { Caller } from "@/lib/routes/with-auth";

/**
 * The account's own keys (password, sessions, linked sign-ins) are changed only in a signed-in browser: an API key
 * that leaks must not become a way to take the account over or lock its owner out.
 */
export function assertSignedIn(caller: Caller): void {
  if (caller.via !== "session") throw new AppError("forbidden", "Sign in to the app to do this; API keys cannot");
}
