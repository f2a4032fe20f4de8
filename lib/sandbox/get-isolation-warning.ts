import { getEnv } from "@/lib/env";

/** What every page of the signed-in app says while agents run unconfined. */
export const UNCONFINED_AGENTS_WARNING =
  "Agents run unconfined: single-user mode (SANDBOX_ISOLATION=none). Do not let anyone else sign in.";

/**
 * The interface's standing warning, or null: with local sandboxes and SANDBOX_ISOLATION=none an agent (and so any
 * user who can start one) has the server's rights, which is safe only when that user is the server's owner.
 * Daytona sandboxes are not local, so the setting does not apply to them.
 */
export function getIsolationWarning(): string | null {
  const env = getEnv();
  return env.SANDBOX_PROVIDER === "local" && env.SANDBOX_ISOLATION === "none" ? UNCONFINED_AGENTS_WARNING : null;
}
