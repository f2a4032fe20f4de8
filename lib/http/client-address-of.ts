/**
 * The client's address as `npm start`'s server vouched for it: it sets X-Forwarded-For to the one address it resolved
 * (lib/http/resolve-client-address.ts, TRUSTED_PROXY_HOPS), so the first entry is that address. Null in-process.
 */
export function clientAddressOf(headers: { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined): string | null {
  if (!headers) return null;
  const raw = typeof headers.get === "function" ? (headers as { get(name: string): string | null }).get("x-forwarded-for") : (headers as Record<string, string | string[] | undefined>)["x-forwarded-for"];
  return [raw ?? []].flat().join(",").split(",")[0]?.trim() || null;
}
