import { AsyncLocalStorage } from "node:async_hooks";

/** What a sign-in request learned that next-auth's response cannot carry: that it was throttled, and for how long. */
export interface SignInOutcome {
  retryAfterSeconds?: number;
}

const store = new AsyncLocalStorage<SignInOutcome>();

/**
 * Runs next-auth's handler for one request with a place to note a throttled attempt. next-auth turns every error of
 * `authorize` into the same answer (an `error` in the callback URL); the route uses the note to answer 429 with
 * Retry-After instead, as the rest of the API does for limits.
 */
export async function withSignInOutcome<T>(run: () => Promise<T>): Promise<{ result: T; outcome: SignInOutcome }> {
  const outcome: SignInOutcome = {};
  const result = await store.run(outcome, run);
  return { result, outcome };
}

export function noteSignInThrottled(retryAfterSeconds: number) {
  const outcome = store.getStore();
  if (outcome) outcome.retryAfterSeconds = retryAfterSeconds;
}
