import type { IncomingMessage } from "node:http";

/**
 * The client's address as this server can vouch for it: the socket's peer, or — behind `trustedHops` reverse proxies
 * (TRUSTED_PROXY_HOPS) — the address the outermost trusted proxy saw, read from the right end of X-Forwarded-For.
 * Entries further left are whatever the client wrote, so they are never used: a client that could choose its address
 * would escape every per-address throttle and could spend someone else's.
 */
export function resolveClientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (trustedHops === 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = peer ? [...forwarded, peer] : forwarded;
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? null;
}
