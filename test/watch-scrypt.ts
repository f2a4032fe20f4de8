import crypto from "node:crypto";
import { vi } from "vitest";

export interface ScryptWatch {
  /** scrypt computations started since the watch began. */
  readonly calls: number;
  /** The most that ran at once. */
  readonly peak: number;
  restore(): void;
}

/**
 * Counts crypto.scrypt computations (every password check and hash, lib/users/password.ts) and how many overlap. Each
 * is held `holdMs` longer, so computations that are allowed to overlap do, and a missing bound cannot hide behind the
 * test harness's cheap scrypt cost.
 */
export function watchScrypt(holdMs = 20): ScryptWatch {
  const original = crypto.scrypt;
  let calls = 0;
  let running = 0;
  let peak = 0;
  const spy = vi.spyOn(crypto, "scrypt").mockImplementation(((...args: unknown[]) => {
    const callback = args.pop() as (error: Error | null, key: Buffer) => void;
    calls++;
    peak = Math.max(peak, ++running);
    (original as (...rest: unknown[]) => void)(...args, (error: Error | null, key: Buffer) =>
      setTimeout(() => {
        running--;
        callback(error, key);
      }, holdMs),
    );
  }) as typeof crypto.scrypt);
  return {
    get calls() {
      return calls;
    },
    get peak() {
      return peak;
    },
    restore: () => spy.mockRestore(),
  };
}
