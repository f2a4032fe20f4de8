/**
 * Runs one attempt of a request with a deadline: the signal aborts after `ms`. Unlike AbortSignal.timeout, the timer
 * is ref'd, so a request that waits on a socket nobody answers keeps the agent's process alive until the deadline
 * (and the caller's retry) instead of letting Node end it as if it had nothing left to do.
 */
export async function withAttemptTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms / 1000} s`, "TimeoutError")), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
