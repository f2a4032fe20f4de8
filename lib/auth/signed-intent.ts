import crypto from "node:crypto";
import { getAuthSecret } from "@/lib/auth/secret";

/**
 * A short-lived statement only this server can make — `<base64url {subject, expiresAt}>.<HMAC>` — for a cookie that
 * carries a decision from one request to the GitHub callback ("link to this user", "this browser accepts that
 * invitation"). The purpose is part of the HMAC, so one kind can never be replayed as another.
 */
const sign = (purpose: string, payload: string) => crypto.createHmac("sha256", getAuthSecret()).update(`${purpose}:${payload}`).digest("base64url");

export function encodeSignedIntent(purpose: string, subject: string, ttlSeconds: number, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ subject, expiresAt: now + ttlSeconds * 1000 })).toString("base64url");
  return `${payload}.${sign(purpose, payload)}`;
}

/** The subject of a genuine, unexpired intent of this purpose, or null. */
export function decodeSignedIntent(purpose: string, value: string | undefined, now = Date.now()): string | null {
  const [payload, signature, ...rest] = (value ?? "").split(".");
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(purpose, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const { subject, expiresAt } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { subject?: unknown; expiresAt?: unknown };
    return typeof subject === "string" && typeof expiresAt === "number" && expiresAt > now ? subject : null;
  } catch {
    return null;
  }
}
