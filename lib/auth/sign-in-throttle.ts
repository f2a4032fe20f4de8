import crypto from "node:crypto";
import { RateLimiterRes, type RateLimiterPostgres } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { getRateLimiter, retryAfterSeconds } from "@/lib/rate-limit/get-rate-limiter";
import { groupClientAddress } from "@/lib/security/group-client-address";

export interface ClaimSignInAttemptOptions {
  email: string;
  /** The client's address (scripts/start.ts puts it in X-Forwarded-For); unknown for in-process callers. */
  clientAddress?: string | null;
}

/** A sign-in attempt that has been counted; the password may now be checked once. */
export interface SignInAttempt {
  /**
   * The password was right. Refuses after all (`rate_limited`) when the account got locked while it was checked — a
   * burst's right guess must not get through the lock its wrong ones set off — else forgets the email's failures.
   */
  confirmSuccess(): Promise<void>;
}

const minutes = (seconds: number) => {
  const count = Math.ceil(seconds / 60);
  return `${count} minute${count === 1 ? "" : "s"}`;
};

/** Emails are stored hashed: the table is not a list of who tried which addresses (or typed a password there). */
const emailKey = (email: string) => crypto.createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");

/** Takes a point from `limiter`, or throws the refusal made from the seconds to wait. */
async function take(limiter: RateLimiterPostgres, key: string, refusal: (seconds: number) => string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = retryAfterSeconds(error.msBeforeNext);
    throw new AppError("rate_limited", refusal(seconds), undefined, { retryAfterSeconds: seconds });
  }
}

/**
 * Counts a sign-in attempt as a failure BEFORE its password is checked, atomically in PostgreSQL (so in every web
 * process at once), and refuses it without a check once a budget is spent. Of a burst of any size, at most
 * AUTH_MAX_FAILURES passwords are checked per email and address; a right password confirms its success, which gives
 * the point back. Known and unknown emails are counted alike, so a refusal tells nothing about which exist.
 *
 * The counters, in order (an attempt refused by one is not counted by the later ones):
 * 1. the client address (an IPv6 /64): AUTH_IP_MAX_FAILURES per AUTH_LOCK_MINUTES, whatever the emails;
 * 2. the email from that address: AUTH_MAX_FAILURES, then that pair is locked for AUTH_LOCK_MINUTES;
 * 3. the email from anywhere: AUTH_EMAIL_MAX_FAILURES, then the email is locked for everyone;
 * 4. the whole server: AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE.
 *
 * The trade-off: a lock per email alone lets anyone lock anyone out, and a lock per address alone lets a botnet guess
 * without end. So the strict lock is per (email, address) — an attacker locks only themself — and the per-email lock
 * has a much higher threshold: locking a victim out needs AUTH_EMAIL_MAX_FAILURES / AUTH_MAX_FAILURES addresses (10 by
 * default), each also held by its own per-address budget, and still lasts only AUTH_LOCK_MINUTES. The per-address and
 * global budgets bound guessing across many emails (credential stuffing); people behind one NAT share an address's
 * budget, and a large enough botnet can spend the global one (0 turns it off).
 */
export async function claimSignInAttempt({ email, clientAddress }: ClaimSignInAttemptOptions): Promise<SignInAttempt> {
  const env = getEnv();
  const lockSeconds = env.AUTH_LOCK_MINUTES * 60;
  const address = groupClientAddress(clientAddress);
  const addressLimiter = getRateLimiter({ keyPrefix: "signin_address", points: env.AUTH_IP_MAX_FAILURES, durationSeconds: lockSeconds });
  const pairLimiter = getRateLimiter({ keyPrefix: "signin_pair", points: env.AUTH_MAX_FAILURES, durationSeconds: lockSeconds, blockSeconds: lockSeconds });
  const emailLimiter = getRateLimiter({ keyPrefix: "signin_email", points: env.AUTH_EMAIL_MAX_FAILURES, durationSeconds: lockSeconds, blockSeconds: lockSeconds });
  const globalLimiter =
    env.AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE > 0 ? getRateLimiter({ keyPrefix: "signin_all", points: env.AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE, durationSeconds: 60 }) : null;
  const hashedEmail = emailKey(email);
  // In-process callers (tests, scripts) have no address: no per-address budget, and one shared pair per email.
  const pairKey = `${hashedEmail}|${address ?? "none"}`;
  const locked = (seconds: number) => `Too many failed sign-ins. Try again in ${minutes(seconds)}.`;

  if (address) await take(addressLimiter, address, (seconds) => `Too many failed sign-ins from your network. Try again in ${minutes(seconds)}.`);
  await take(pairLimiter, pairKey, locked);
  await take(emailLimiter, hashedEmail, locked);
  // The key carries the limit: processes configured alike share one count, and a server restarted with another limit
  // starts a fresh window rather than one counted against the old limit.
  const globalKey = `all:${env.AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE}`;
  if (globalLimiter) await take(globalLimiter, globalKey, (seconds) => `Too many sign-in attempts on this server right now. Try again in ${seconds} s.`);

  return {
    async confirmSuccess() {
      const [pair, byEmail] = await Promise.all([pairLimiter.get(pairKey), emailLimiter.get(hashedEmail)]);
      for (const [state, limiter] of [[pair, pairLimiter], [byEmail, emailLimiter]] as const) {
        if (state && state.consumedPoints > limiter.points) {
          const seconds = retryAfterSeconds(state.msBeforeNext);
          throw new AppError("rate_limited", locked(seconds), undefined, { retryAfterSeconds: seconds });
        }
      }
      // Between the read above and these, a concurrent wrong guess may lock the pair and be forgotten with it: only
      // someone who knows the password can cause that, and they could sign in anyway.
      await Promise.all([
        pairLimiter.delete(pairKey),
        emailLimiter.delete(hashedEmail),
        address ? addressLimiter.reward(address) : null,
        globalLimiter?.reward(globalKey),
      ]);
    },
  };
}
