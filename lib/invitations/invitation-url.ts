import { getEnv } from "@/lib/env";

/** The link a person opens to accept: the app's public URL (as sign-in uses it) and the token. */
export function invitationUrl(token: string): string {
  const env = getEnv();
  const base = (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return `${base}/invite/${token}`;
}
