/**
 * The in-app path to return to after signing in. Only the path of whatever was passed is kept, so a crafted
 * `callbackUrl` can never send someone to another site. next-auth itself passes absolute URLs of this site, whose path
 * is what we want; protocol-relative and backslash tricks fall back. The auth pages are not worth returning to.
 */
export function safeCallbackPath(value: unknown, fallback = "/projects"): string {
  if (typeof value !== "string" || value === "") return fallback;
  const relative = value.startsWith("/");
  if (relative && (value.startsWith("//") || value.startsWith("/\\"))) return fallback;
  if (!relative && !/^https?:\/\//i.test(value)) return fallback;
  try {
    const url = new URL(value, "http://localhost");
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!path.startsWith("/") || path.startsWith("//")) return fallback;
    if (url.pathname === "/sign-in" || url.pathname === "/sign-up") return fallback;
    return path;
  } catch {
    return fallback;
  }
}
