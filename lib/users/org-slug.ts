import crypto from "node:crypto";

/** A URL-safe slug from a name plus a short random suffix, so slugs never collide in practice. */
export function orgSlug(name: string): string {
  const base =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "org";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}
