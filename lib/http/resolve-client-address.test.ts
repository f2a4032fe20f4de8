import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/lib/http/resolve-client-address";

const request = (peer: string | undefined, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as IncomingMessage;

describe("resolveClientAddress", () => {
  it("without trusted proxies: the socket's peer, whatever X-Forwarded-For a client sends", () => {
    expect(resolveClientAddress(request("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(resolveClientAddress(request("203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
  });

  it("behind trusted proxies: the address the outermost one saw, never what the client wrote further left", () => {
    // The client wrote 198.51.100.1; the proxy (10.0.0.2, the socket's peer) appended the real client, 203.0.113.7.
    expect(resolveClientAddress(request("10.0.0.2", "198.51.100.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies: a CDN appended the client, the load balancer (the peer) appended the CDN.
    expect(resolveClientAddress(request("10.0.0.2", ["198.51.100.1, 203.0.113.7", "192.0.2.50"]), 2)).toBe("203.0.113.7");
    // Fewer entries than hops (a request that bypassed a proxy): the leftmost there is.
    expect(resolveClientAddress(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(resolveClientAddress(request(undefined), 1)).toBeNull();
  });
});
