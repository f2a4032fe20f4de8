"use client";

import { redirect, usePathname, useSearchParams } from "next/navigation";

/**
 * Sends a visitor without a session to sign in, remembering where they were going. A layout cannot see the request
 * URL on the server, so this runs as a client component; during server rendering Next turns it into a real redirect.
 */
export function SignInRedirect() {
  const pathname = usePathname() || "/projects";
  const search = useSearchParams()?.toString();
  return redirect(`/sign-in?callbackUrl=${encodeURIComponent(search ? `${pathname}?${search}` : pathname)}`);
}
