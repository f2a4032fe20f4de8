import { getEnv } from "@/lib/env";

/** NEXTAUTH_SECRET, which `npm start` generates and persists when it is not given. */
export function getAuthSecret(): string {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (start the app with `npm start`, which provides one)");
  return secret;
}

/** Cookies are marked Secure exactly when the public URL is https. */
export const useSecureCookies = () => (getEnv().NEXTAUTH_URL ?? "").startsWith("https://");
