import crypto from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { createConcurrencyLimit, type ConcurrencyLimit } from "@/lib/security/create-concurrency-limit";

const KEY_LENGTH = 64;
const R = 8;
const P = 1;

const limits = new Map<string, ConcurrencyLimit>();

/**
 * At most PASSWORD_HASH_CONCURRENCY scrypt computations at once in this process, PASSWORD_HASH_QUEUE more waiting.
 * scrypt runs on libuv's thread pool (four threads), which file and DNS work share: unbounded, a flood of sign-ins
 * (of unknown emails too) would hold every thread and stall the whole server. Kept per settings, like the rate limits.
 */
function hashingLimit(): ConcurrencyLimit {
  const { PASSWORD_HASH_CONCURRENCY: max, PASSWORD_HASH_QUEUE: maxQueue } = getEnv();
  const name = `${max}:${maxQueue}`;
  let limit = limits.get(name);
  if (!limit) {
    const onFull = () =>
      new AppError("service_unavailable", "The server is busy checking passwords; try again in a moment", undefined, { retryAfterSeconds: 1 });
    limits.set(name, (limit = createConcurrencyLimit({ max, maxQueue, onFull })));
  }
  return limit;
}

/** crypto.scrypt through the bound; looked up at each call (not bound once), so a test can watch it. */
function scrypt(password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return hashingLimit().run(
    () => new Promise((resolve, reject) => crypto.scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)))),
  );
}

/** scrypt with a random salt; the parameters travel with the hash so the cost can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const N = getEnv().PASSWORD_SCRYPT_N;
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 256 * N * R });
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Compares in constant time; throws `service_unavailable` when too many checks already wait for the hashing bound. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const N = Number(n);
  const expected = Buffer.from(keyB64, "base64");
  const actual = await scrypt(password, Buffer.from(saltB64, "base64"), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, through the same bound, so "no such user" cannot be told apart from "wrong
 * password" — and cannot be used to run scrypt more often than a real account could.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  // A hash that failed (a full line) is not kept: the next check makes it again.
  const hash = await dummyHash.catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  await verifyPassword(password, hash);
}
