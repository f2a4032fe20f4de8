import net from "node:net";

/**
 * The unit a per-address limit counts: an IPv4 address, or the /64 network of an IPv6 address — one subscriber gets a
 * whole /64 and can pick any address in it, so counting single IPv6 addresses would limit nothing. IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, what a dual-stack socket reports) counts as the IPv4 address. Anything else (not an address):
 * null.
 */
export function groupClientAddress(address: string | null | undefined): string | null {
  const trimmed = address?.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "") ?? "";
  if (net.isIPv4(trimmed)) return trimmed;
  if (!net.isIPv6(trimmed)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped && net.isIPv4(mapped[1]!)) return mapped[1]!;
  const [head = "", tail = ""] = trimmed.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = trimmed.includes("::") ? (tail ? tail.split(":") : []) : [];
  // An embedded IPv4 tail takes two groups; the /64 only needs the first four groups, which it never reaches.
  const missing = 8 - headParts.length - tailParts.length - (tailParts.at(-1)?.includes(".") || headParts.at(-1)?.includes(".") ? 1 : 0);
  const groups = [...headParts, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailParts];
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(":")}::/64`;
}
